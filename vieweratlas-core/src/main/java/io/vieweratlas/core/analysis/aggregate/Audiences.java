package io.vieweratlas.core.analysis.aggregate;

import io.vieweratlas.core.analysis.viewer.ViewerIds;
import io.vieweratlas.core.model.ChannelMeta;

import java.util.List;
import java.util.Objects;

/**
 * The audience of every channel in compressed-sparse-row form: channel {@code c} (channels sorted
 * by login) has the distinct viewers {@code members[offsets[c] .. offsets[c + 1])}, dense ids of
 * {@link #viewers()} in no particular order (nothing may
 * depend on their order). Memory is proportional to viewer-channel memberships.
 *
 * @param channels     channel logins, sorted
 * @param offsets      {@code channels.size() + 1} row offsets into {@code members}
 * @param members      distinct viewer ids per channel
 * @param observations snapshots per channel in the window
 * @param meta         aggregated metadata per channel
 * @param viewers      the viewers the ids refer to
 */
public record Audiences(List<String> channels, int[] offsets, int[] members, int[] observations,
                        List<ChannelMeta> meta, ViewerIds viewers) {

    public Audiences {
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(members, "members");
        Objects.requireNonNull(observations, "observations");
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(viewers, "viewers");
        if (offsets.length != channels.size() + 1 || observations.length != channels.size()
                || meta.size() != channels.size()) {
            throw new IllegalArgumentException("audience arrays disagree in length");
        }
    }

    /** Number of channels. */
    public int channelCount() {
        return channels.size();
    }

    /** Number of distinct viewers of channel {@code c}. */
    public int audienceSize(int c) {
        return offsets[c + 1] - offsets[c];
    }

    /** Total viewer-channel memberships. */
    public long memberships() {
        return offsets[channels.size()];
    }

    /** Size of the viewer id space (ids are below this). */
    public int viewerIdSpace() {
        return viewers.size();
    }

    /** Number of distinct viewers with at least one membership. */
    public int distinctViewers() {
        boolean[] seen = new boolean[viewerIdSpace()];
        int n = 0;
        int end = offsets[channels.size()];
        for (int i = 0; i < end; i++) {
            if (!seen[members[i]]) {
                seen[members[i]] = true;
                n++;
            }
        }
        return n;
    }
}
