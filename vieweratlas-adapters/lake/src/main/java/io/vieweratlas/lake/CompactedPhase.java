package io.vieweratlas.lake;

import io.vieweratlas.core.analysis.Parallel;
import io.vieweratlas.core.analysis.aggregate.PresenceTableBuilder;
import io.vieweratlas.core.analysis.aggregate.Repeats;
import io.vieweratlas.core.model.LoadReport.SkippedInput;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.TimeRange;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loader's first phase when a lake has compacted days: reads them on all cores, each thread into
 * its own builder, and remembers which raw files they cover, so that the listing phase reads only
 * the raw files of days not compacted and files written into a compacted day after its compaction.
 */
final class CompactedPhase {

    /** What the phase read. */
    record Result(List<PresenceTableBuilder> builders, long loaded, List<SkippedInput> skipped,
                  Map<LocalDate, SnapshotStems> covered) {

        static final Result NONE = new Result(List.of(), 0, List.of(), Map.of());

        /** Whether a compacted day covers the raw file {@code key}, so that it need not be read. */
        boolean covers(SnapshotKey key) {
            if (covered.isEmpty()) {
                return false;
            }
            SnapshotStems stems = covered.get(key.folderDay());
            return stems != null && stems.contains(key.stem());
        }
    }

    private CompactedPhase() {
    }

    static Result read(CompactedSnapshots source, TimeRange range, TimeRange keyRange, PresencePolicy policy,
                       Repeats repeats, int threads) {
        List<CompactedSnapshots.CompactedDay> days = source.days(keyRange);
        if (days.isEmpty()) {
            return Result.NONE;
        }
        List<PresenceTableBuilder> builders = java.util.Collections.synchronizedList(new ArrayList<>());
        List<SkippedInput> skipped = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<LocalDate, SnapshotStems> covered = new ConcurrentHashMap<>();
        AtomicLong loaded = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        Parallel.run(Math.min(threads, days.size()), () -> {
            // Days, not channels, are shared out here, so with dropped repeats a membership is held
            // at most once per thread rather than once per day.
            PresenceTableBuilder builder = new PresenceTableBuilder(repeats);
            builders.add(builder);
            for (int i = next.getAndIncrement(); i < days.size(); i = next.getAndIncrement()) {
                CompactedSnapshots.CompactedDay day = days.get(i);
                CompactedSnapshots.DayRead read = day.read(range, keyRange, policy, builder);
                loaded.addAndGet(read.loaded());
                skipped.addAll(read.skipped());
                covered.put(day.day(), read.covered());
            }
        });
        return new Result(List.copyOf(builders), loaded.get(), List.copyOf(skipped), Map.copyOf(covered));
    }
}
