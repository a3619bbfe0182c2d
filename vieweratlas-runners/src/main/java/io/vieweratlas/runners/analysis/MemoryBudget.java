package io.vieweratlas.runners.analysis;

import io.vieweratlas.core.analysis.aggregate.Repeats;
import io.vieweratlas.lake.SnapshotFootprint;

import java.util.Locale;
import java.util.Objects;

/**
 * The heap an analysis of a lake's time range needs, estimated from the listing before anything is
 * read, and the check that stops an analysis that would not fit with a message instead of an
 * {@link OutOfMemoryError} part-way through.
 *
 * <p>The model (figures measured on the synthetic lakes, docs/SCALING.md; the deep-72h lake analyses
 * at {@code -Xmx128m} and the deep-168h one at {@code -Xmx160m}, which the model puts at 123 MB and
 * 203 MB): a fixed
 * {@value #BASELINE_MB} MB; per snapshot object its row (time, metadata, location) and the listing,
 * {@value #PER_OBJECT} B; chatter entries estimated from the JSON bytes at {@value #JSON_BYTES_PER_ENTRY} B
 * per entry. Keeping every entry ({@link Repeats#KEEP}) costs {@value #PER_ENTRY} B per entry. Dropping
 * repeats ({@link Repeats#DROP}) costs {@value #PER_MEMBERSHIP} B per distinct channel–viewer
 * membership, which the listing cannot count: it is taken as one average snapshot's entries per
 * channel-day (a viewer of a channel is assumed to be new once per day; the synthetic hourly lakes
 * have fewer). An estimate, not a bound: an analysis that still runs out of memory is stopped by the
 * callers' {@link OutOfMemoryError} handling.
 */
public final class MemoryBudget {

    /** JVM, libraries and the analysis's fixed structures. */
    static final long BASELINE_MB = 40;
    /** Per snapshot object: its row (≈ 200 B, most of it the location) and the listing's share. */
    static final long PER_OBJECT = 400;
    /** JSON bytes per chatter entry (the synthetic lakes: 326 MB for 16.98 M entries). */
    static final long JSON_BYTES_PER_ENTRY = 19;
    /** Heap per chatter entry when every entry is kept (docs/SCALING.md, the large lake). */
    static final long PER_ENTRY = 80;
    /**
     * Heap per distinct membership when repeats are dropped: its key and its place in the channel's
     * set while loading (≈ 35 B), then its id, audience and inverted-index entries.
     */
    static final long PER_MEMBERSHIP = 60;

    private MemoryBudget() {
    }

    /**
     * The estimated heap for an analysis of {@code footprint}.
     *
     * @param footprint what the range holds
     * @param repeats   whether the analysis keeps repeated presence
     * @return bytes of heap
     */
    public static long estimate(SnapshotFootprint footprint, Repeats repeats) {
        Objects.requireNonNull(footprint, "footprint");
        Objects.requireNonNull(repeats, "repeats");
        long entries = footprint.bytes() / JSON_BYTES_PER_ENTRY;
        long variable;
        if (repeats == Repeats.KEEP || footprint.objects() == 0) {
            variable = entries * PER_ENTRY;
        } else {
            double perObject = (double) entries / footprint.objects();
            long memberships = Math.min(entries, (long) Math.ceil(perObject * footprint.channelDays()));
            variable = memberships * PER_MEMBERSHIP;
        }
        return (BASELINE_MB << 20) + footprint.objects() * PER_OBJECT + variable;
    }

    /**
     * One line for an {@link OutOfMemoryError} that still happened: what ran out, the heap it had,
     * and the settings to change.
     *
     * @param what    what was running, e.g. {@code "the analysis after window 24"}
     * @param maxHeap the heap the JVM may use ({@link Runtime#maxMemory()})
     * @return the line
     */
    public static String outOfMemory(String what, long maxHeap) {
        return String.format(Locale.ROOT, "%s ran out of memory (OutOfMemoryError, max heap %,d MB): read fewer"
                + " days (analysis.window_days, or analyze --since/--until) or give the JVM more heap"
                + " (JAVA_OPTS=-Xmx..., in ECS the task definition's memory)", what, maxHeap >> 20);
    }

    /**
     * Refuses an analysis whose estimate exceeds {@code maxHeap}.
     *
     * @param footprint what the range holds
     * @param repeats   whether the analysis keeps repeated presence
     * @param maxHeap   the heap the JVM may use ({@link Runtime#maxMemory()})
     * @throws InsufficientMemoryException saying what it needs, what it has and which setting to change
     */
    public static void check(SnapshotFootprint footprint, Repeats repeats, long maxHeap) {
        long need = estimate(footprint, repeats);
        if (need > maxHeap) {
            throw new InsufficientMemoryException(String.format(Locale.ROOT,
                    "not enough memory to analyse %s%,d snapshot objects (%,d MB of JSON, %,d channel-days%s): the"
                            + " analysis needs an estimated %s%,d MB of heap, this JVM may use %,d MB (max heap);"
                            + " read fewer days (analysis.window_days, or analyze --since/--until) or give the JVM"
                            + " more heap (JAVA_OPTS=-Xmx..., in ECS the task definition's memory)",
                    footprint.complete() ? "" : "at least ", footprint.objects(), footprint.bytes() >> 20,
                    footprint.channelDays(), footprint.complete() ? "" : " listed so far",
                    footprint.complete() ? "" : "more than ", need >> 20, maxHeap >> 20));
        }
    }
}
