package io.vieweratlas.core.port;

import io.vieweratlas.core.model.LiveStream;

import java.util.Collection;
import java.util.List;

/** Knows which channels are live and what they stream (Twitch Helix in production). */
public interface StreamDirectory {

    /** The most-watched live streams, at most {@code limit}, most viewers first. */
    List<LiveStream> topStreams(int limit);

    /** The live streams among {@code logins}; channels that are offline are absent. */
    List<LiveStream> liveStreams(Collection<String> logins);
}
