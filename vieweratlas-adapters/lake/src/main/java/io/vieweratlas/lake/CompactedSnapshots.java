package io.vieweratlas.lake;

import io.vieweratlas.core.analysis.aggregate.PresenceTableBuilder;
import io.vieweratlas.core.model.LoadReport.SkippedInput;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.TimeRange;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Raw snapshot day folders that a compaction has read into another format, which
 * {@link LakeAudienceLoader} reads instead of the raw files those folders held when they were
 * compacted. The raw files stay the record: a file in a compacted folder that the compaction did not
 * cover (written later) is still read raw. Implemented where the format lives (the Parquet adapter's
 * {@code CompactedPresenceStore}).
 */
public interface CompactedSnapshots {

    /**
     * The compacted day folders that may hold snapshots with key times in {@code keyRange} (the
     * range's days and the day after each, as {@link LakeLayout#snapshotListingPrefixes}).
     *
     * @param keyRange the key times a load selects
     * @return the compacted days, in day order
     */
    List<CompactedDay> days(TimeRange keyRange);

    /** One compacted day folder. */
    interface CompactedDay {

        /** The folder's UTC day. */
        LocalDate day();

        /**
         * Adds to {@code builder} the day's snapshots whose file's key time lies in {@code keyRange}
         * and whose timestamp lies in {@code range}, with the viewers that meet {@code policy}, exactly
         * as the raw loader would add them from the files.
         *
         * @return what was read; the problems the compaction recorded for files in {@code keyRange}
         */
        DayRead read(TimeRange range, TimeRange keyRange, PresencePolicy policy, PresenceTableBuilder builder);
    }

    /**
     * What reading one compacted day gave.
     *
     * @param loaded  snapshots added
     * @param skipped what the compaction set aside from files whose key time lies in the key range
     *                (reported again, as a raw load reports it every time)
     * @param covered the stems of every file the compaction read or set aside, whatever its key time
     */
    record DayRead(long loaded, List<SkippedInput> skipped, SnapshotStems covered) {
        public DayRead {
            if (loaded < 0) {
                throw new IllegalArgumentException("loaded must be >= 0, was " + loaded);
            }
            skipped = List.copyOf(skipped);
            Objects.requireNonNull(covered, "covered");
        }
    }
}
