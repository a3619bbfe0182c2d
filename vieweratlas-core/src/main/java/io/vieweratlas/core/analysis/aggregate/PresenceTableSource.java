package io.vieweratlas.core.analysis.aggregate;

import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.PresenceSource;

/**
 * A {@link PresenceSource} that can also load a time range straight into a {@link PresenceTable},
 * without a {@link io.vieweratlas.core.model.PresenceSnapshot} object per snapshot — e.g. the lake
 * adapter's parallel loader, several times faster on a large lake. {@link PresenceIngest#read}
 * (and so every analysis, including the {@code ViewerAtlas} facade) uses this when a source offers
 * it. Implementations must load exactly what {@link #forEachSnapshot} yields for the same range
 * and policy, with the same report.
 */
public interface PresenceTableSource extends PresenceSource {

    /**
     * Loads the snapshots whose time lies in {@code range}, keeping the chatters that meet
     * {@code policy}.
     *
     * @param range  the time range
     * @param policy which chat evidence counts as presence
     * @return the table and what was read and skipped
     */
    PresenceIngest.Loaded loadTable(TimeRange range, PresencePolicy policy);

    /**
     * As {@link #loadTable(TimeRange, PresencePolicy)}, keeping or dropping repeated presence (see
     * {@link PresenceIngest#read(PresenceSource, TimeRange, PresencePolicy, Repeats)}). The default
     * keeps every entry, which is always exact.
     *
     * @param range   the time range
     * @param policy  which chat evidence counts as presence
     * @param repeats whether a viewer seen again on a channel is kept
     * @return the table and what was read and skipped
     */
    default PresenceIngest.Loaded loadTable(TimeRange range, PresencePolicy policy, Repeats repeats) {
        return loadTable(range, policy);
    }
}
