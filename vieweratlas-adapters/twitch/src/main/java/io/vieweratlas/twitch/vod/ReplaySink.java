package io.vieweratlas.twitch.vod;

import java.util.List;

/**
 * Receives a chat replay page by page, so that a caller writes it out as it arrives instead of
 * holding the whole replay. Throwing from {@link #page} stops the fetch (e.g. a lost lease or a
 * shutdown) and the exception reaches the caller of {@link ChatReplaySource#stream} unchanged.
 */
@FunctionalInterface
public interface ReplaySink {

    /**
     * One page's comments not seen before (already de-duplicated by id, comments of deleted users
     * left out), in the order the endpoint sent them; possibly empty.
     */
    void page(List<ChatComment> fresh);
}
