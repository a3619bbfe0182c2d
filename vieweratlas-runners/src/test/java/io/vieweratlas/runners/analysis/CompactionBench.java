package io.vieweratlas.runners.analysis;

import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeLayout;
import io.vieweratlas.parquet.CompactionManifest;
import io.vieweratlas.parquet.PresenceCompactor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Benchmark main (not a test): what a 14-day analysis reads from a lake of hourly snapshots before and
 * after its days are compacted. The lake is one {@code synth} wrote (e.g. {@code synth --channels 300
 * --communities 10 --viewers 30000 --snapshots 336 --bots --out DIR}: 14 days of hourly snapshots from
 * 2026-01-05). Every read goes through {@code ObjectStore.get}, as on S3 (the store's local files are
 * hidden), and is counted: GETs, LIST calls and keys listed, bytes read; loads are timed (best of
 * {@code runs}). Then each day is compacted (seconds per day printed) into
 * {@code curated/presence/} in the same lake, and the loads are repeated. The tables must match.
 *
 * <p>Run: {@code java -Xmx2g -cp <test class path> io.vieweratlas.runners.analysis.CompactionBench DIR [days] [runs]}
 */
public final class CompactionBench {
    private CompactionBench() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 14;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (!Files.isDirectory(dir.resolve("raw/snapshots"))) {
            throw new IllegalArgumentException(dir + " holds no lake: run synth first");
        }
        LocalDate first = LocalDate.of(2026, 1, 5);
        TimeRange window = TimeRange.between(first.atStartOfDay().toInstant(ZoneOffset.UTC),
                first.plusDays(days).atStartOfDay().toInstant(ZoneOffset.UTC));
        CountingObjectStore store = new CountingObjectStore(new FileSystemObjectStore(dir), false);
        if (!store.listKeys(LakeLayout.CURATED_PRESENCE_MANIFESTS).toList().isEmpty()) {
            throw new IllegalArgumentException(dir + " is already compacted: use a fresh synth lake");
        }
        Load before = load("raw", store, window, runs);

        List<LocalDate> list = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            list.add(first.plusDays(d));
        }
        PresenceCompactor compactor = PresenceCompactor.builder(store).build();
        long compactStart = System.nanoTime();
        long bytes = 0;
        long rows = 0;
        int parts = 0;
        double slowest = 0;
        store.reset();
        for (LocalDate day : list) {
            PresenceCompactor.DayOutcome o = compactor.compact(day);
            CompactionManifest m = o.manifest().orElseThrow(() -> new IllegalStateException(day + ": " + o.status()));
            long b = m.parts().stream().mapToLong(CompactionManifest.Part::bytes).sum();
            bytes += b;
            rows += m.rows();
            parts += m.parts().size();
            slowest = Math.max(slowest, o.took().toMillis() / 1000.0);
            System.out.printf(Locale.ROOT, "compact %s: %d snapshots, %d rows, %d part(s), %.1f MB, %.2f s%n", day,
                    m.snapshots(), m.rows(), m.parts().size(), b / 1e6, o.took().toMillis() / 1000.0);
        }
        double compactSeconds = (System.nanoTime() - compactStart) / 1e9;
        System.out.printf(Locale.ROOT, "FIGURES compaction: %d days in %.1f s (%.2f s per day, slowest %.2f s), "
                        + "%d parts, %.1f MB Parquet, %d rows (%.1f B per row); compaction GETs %d, writes %d%n",
                days, compactSeconds, compactSeconds / days, slowest, parts, bytes / 1e6, rows, (double) bytes / rows,
                store.gets.get(), store.writes.get());

        Load after = load("compacted", store, window, runs);
        if (before.rows != after.rows || before.members != after.members || before.loaded != after.loaded) {
            throw new IllegalStateException("tables differ: raw " + before + ", compacted " + after);
        }
        System.out.printf(Locale.ROOT, "FIGURES 14-day load: GETs %d -> %d (%.0fx fewer), bytes read %.1f MB -> %.1f MB, "
                        + "load %.2f s -> %.2f s%n", before.gets, after.gets, (double) before.gets / after.gets,
                before.bytes / 1e6, after.bytes / 1e6, before.seconds, after.seconds);
    }

    private record Load(long gets, long listings, long keysListed, long bytes, double seconds, int rows, int members,
                        long loaded) {
    }

    private static Load load(String label, CountingObjectStore store, TimeRange window, int runs) {
        double best = Double.MAX_VALUE;
        Load load = null;
        for (int i = 0; i < runs; i++) {
            store.reset();
            long start = System.nanoTime();
            PresenceIngest.Loaded loaded = new LakePresence(store, LakeSelection.LIVE, OptionalInt.empty(), n -> { })
                    .loadTable(window, PresencePolicy.INCLUSIVE);
            double seconds = (System.nanoTime() - start) / 1e9;
            best = Math.min(best, seconds);
            load = new Load(store.gets.get(), store.listings.get(), store.keysListed.get(), store.bytesRead.get(),
                    best, loaded.table().rows(), loaded.table().members().length, loaded.report().loaded());
        }
        System.out.printf(Locale.ROOT, "FIGURES %s: %d snapshots, %d memberships; GETs %d, LIST calls %d, keys listed %d "
                        + "(S3 LIST requests ≈ %d), bytes read %.1f MB, load best of %d %.2f s%n", label, load.loaded(),
                load.members(), load.gets(), load.listings(), load.keysListed(),
                load.listings() + load.keysListed() / 1000, load.bytes() / 1e6, runs, load.seconds());
        return load;
    }
}
