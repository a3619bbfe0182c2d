///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 21+
//DEPS io.vieweratlas:vieweratlas-lake:0.1.0-SNAPSHOT
//DEPS org.slf4j:slf4j-simple:2.0.16
//
// Research script: compare the first and second half of a lake's time span.
//
// JBang (after ./mvnw install so the 0.1.0-SNAPSHOT artifacts are in ~/.m2):
//     jbang examples/scripts/compare-windows.java examples/sample-data
// JShell (class path from the lake module's dependencies, see docs/GUIDE.md):
//     jshell --class-path "$CP" examples/scripts/compare-windows.java
//     jshell> CompareWindowsScript.main("examples/sample-data")
//
// The same logic is io.vieweratlas.examples.CompareWindows; its test compiles and runs this file too.

import io.vieweratlas.core.ViewerAtlas;
import io.vieweratlas.core.analysis.PartitionComparison;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.Community;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.PresenceSource;
import io.vieweratlas.lake.Lakes;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

class CompareWindowsScript {

    private CompareWindowsScript() {
    }

    /**
     * Runs the example.
     *
     * @param args the lake directory (default {@code examples/sample-data})
     */
    public static void main(String... args) {
        run(Path.of(args.length > 0 ? args[0] : "examples/sample-data"), System.out);
    }

    /**
     * Compares the first and the second half of the lake at {@code lakeDir}.
     *
     * @param lakeDir the lake's root directory
     * @param out     where the table goes
     */
    public static void run(Path lakeDir, PrintStream out) {
        PresenceSource lake = Lakes.openDirectory(lakeDir);
        Instant[] span = {Instant.MAX, Instant.MIN};
        lake.forEachSnapshot(TimeRange.ALL, s -> {
            if (s.timestamp().isBefore(span[0])) {
                span[0] = s.timestamp();
            }
            if (s.timestamp().isAfter(span[1])) {
                span[1] = s.timestamp();
            }
        });
        if (span[0].equals(Instant.MAX)) {
            throw new IllegalArgumentException("no snapshots in the lake at " + lakeDir);
        }
        Instant end = span[1].plusSeconds(1); // ranges are [since, until)
        // Whole seconds keep the table's columns aligned.
        Instant mid = span[0].plus(Duration.between(span[0], end).dividedBy(2)).truncatedTo(ChronoUnit.SECONDS);
        TimeRange first = TimeRange.between(span[0], mid);
        TimeRange second = TimeRange.between(mid, end);

        AnalysisResult a = ViewerAtlas.analysis().source(lake).window(first).leiden(1.0, 42).run();
        AnalysisResult b = ViewerAtlas.analysis().source(lake).window(second).leiden(1.0, 42).run();

        out.printf(Locale.ROOT, "%-6s %-20s %-20s %9s %8s %11s %10s%n",
                "window", "since", "until", "snapshots", "channels", "communities", "modularity");
        row(out, "first", first, a);
        row(out, "second", second, b);
        out.println();
        out.println("channels per community");
        out.println("  first:  " + sizes(a));
        out.println("  second: " + sizes(b));

        // NMI is defined on the same items: channels assigned to a community in both windows.
        SortedMap<String, Integer> pa = new TreeMap<>(a.partition());
        SortedMap<String, Integer> pb = new TreeMap<>(b.partition());
        pa.keySet().retainAll(pb.keySet());
        pb.keySet().retainAll(pa.keySet());
        out.println();
        out.printf(Locale.ROOT, "channels assigned in both windows: %d (first %d, second %d)%n",
                pa.size(), a.partition().size(), b.partition().size());
        out.printf(Locale.ROOT, "NMI(first, second) on those channels: %.4f%n", PartitionComparison.nmi(pa, pb));
        out.println();
        out.printf(Locale.ROOT, "%-36s %5s   %-36s %7s%n", "first-half community", "size", "best match in second half",
                "jaccard");
        for (Community c : a.communities()) {
            Community best = null;
            double bestJaccard = 0;
            for (Community d : b.communities()) {
                double j = jaccard(c.channels(), d.channels());
                if (j > bestJaccard) {
                    best = d;
                    bestJaccard = j;
                }
            }
            out.printf(Locale.ROOT, "%-36s %5d   %-36s %7.3f%n", c.id() + " " + c.label(), c.size(),
                    best == null ? "-" : best.id() + " " + best.label(), bestJaccard);
        }
    }

    private static void row(PrintStream out, String name, TimeRange range, AnalysisResult r) {
        out.printf(Locale.ROOT, "%-6s %-20s %-20s %9d %8d %11d %10.4f%n", name, range.since().orElseThrow(),
                range.until().orElseThrow(), r.statistics().aggregator().snapshots(), r.nodes().size(),
                r.communities().size(), r.statistics().detection().modularity());
    }

    private static String sizes(AnalysisResult r) {
        return String.join(" ", r.communities().stream().map(c -> Integer.toString(c.size())).toList());
    }

    private static double jaccard(List<String> x, List<String> y) {
        Set<String> inter = new HashSet<>(x);
        inter.retainAll(new HashSet<>(y));
        int union = x.size() + y.size() - inter.size();
        return union == 0 ? 0 : (double) inter.size() / union;
    }
}
