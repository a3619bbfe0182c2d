package io.vieweratlas.runners.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench --quality} end to end on the tiny grid. */
class BenchQualityCommandTest {

    @TempDir
    Path dir;

    private SynthCommandTest.Result bench(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        cli.setOut(new PrintWriter(o));
        cli.setErr(new PrintWriter(e));
        int code = cli.execute(args);
        return new SynthCommandTest.Result(code, o.toString(), e.toString());
    }

    @Test
    void tinyGridRunsEndToEndAndReportsTheOriginalsMethod() throws Exception {
        Path out = dir.resolve("quality");
        SynthCommandTest.Result r = bench("bench", "--quality", "--grid", "tiny", "--quality-out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| original: shared t=10 γ=1.2 louvain |"), r.out());
        assertTrue(r.out().contains("| default: "), r.out());
        assertTrue(r.out().contains("best worst-case NMI: "), r.out());
        assertTrue(r.out().contains("reference (each channel placed by the planted communities its viewers watch): worst "),
                r.out());

        List<String> scores = Files.readAllLines(out.resolve("quality_scores.csv"));
        assertEquals("lake,configuration,nmi,ari,planted,found,disconnected,unassigned,recovered,smallest_planted,"
                + "smallest_recovered,ms,layout_top5_distance,layout_member_distance", scores.get(0));
        // two lakes, each under the defaults, the original's method and the grid points
        List<String> rows = scores.subList(1, scores.size());
        assertTrue(rows.size() >= 2 * 3, scores.toString());
        for (String row : rows) {
            String[] f = row.split(",", -1);
            assertEquals(14, f.length, row);
            double nmi = Double.parseDouble(f[2]);
            double ari = Double.parseDouble(f[3]);
            assertTrue(nmi > 0.5 && nmi <= 1.0, row);
            assertTrue(ari > 0.3 && ari <= 1.0, row);
        }
        // the defaults and the original are laid out, and the layout is measured
        assertTrue(rows.stream().filter(x -> x.contains("original: ")).allMatch(x -> !x.endsWith(",,")), rows.toString());
        String summary = Files.readString(out.resolve("quality_summary.md"));
        assertTrue(summary.startsWith("| configuration | worst NMI | median NMI |"), summary);
        assertTrue(Files.readString(out.resolve("quality_summary.csv")).contains(",baseline,shared,10,1.2,louvain,2,"));
    }

    @Test
    void settingsCanBeNarrowedOnAFamily() throws Exception {
        Path out = dir.resolve("narrow");
        SynthCommandTest.Result r = bench("bench", "--quality", "--grid", "tiny", "--weightings", "jaccard,overlap",
                "--resolutions", "1,3", "--quality-out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> summary = Files.readAllLines(out.resolve("quality_summary.csv"));
        // the defaults, the original's method, 2 × 2 settings and the planted-vote reference
        assertEquals(1 + 7, summary.size(), summary.toString());
        assertTrue(summary.stream().anyMatch(l -> l.startsWith(
                        "overlap t=5 γ=3 leiden +split +reassign +attach,grid,overlap,5,3.0,leiden,2,")),
                summary.toString());

        SynthCommandTest.Result bad = bench("bench", "--quality", "--grid", "tiny", "--weightings", "cosine",
                "--quality-out", out.toString());
        assertEquals(2, bad.code(), bad.out());
        assertTrue(bad.err().contains("unknown weighting 'cosine'"), bad.err());
    }

    /** The summary rows of the tiny grid at the defaults' weighting, resolution and threshold, with {@code axis}. */
    private List<String> axisSummary(String name, String... axis) throws Exception {
        Path out = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("bench", "--quality", "--grid", "tiny", "--weightings",
                "jaccard", "--resolutions", "2", "--thresholds", "5", "--quality-out", out.toString()));
        args.addAll(List.of(axis));
        SynthCommandTest.Result r = bench(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        List<String> summary = Files.readAllLines(out.resolve("quality_summary.csv"));
        // the defaults, the original's method, the defaults with the axis's other value and the reference
        assertEquals(1 + 4, summary.size(), summary.toString());
        assertTrue(summary.stream().anyMatch(l -> l.startsWith("reference: ")), summary.toString());
        return summary;
    }

    @Test
    void attachingUnassignedChannelsIsAnAxisOfTheGrid() throws Exception {
        List<String> summary = axisSummary("attach", "--attach", "false,true");
        assertTrue(summary.stream().anyMatch(l -> l.startsWith(
                "default: jaccard t=5 γ=2 leiden +split +reassign +attach,default,") && l.endsWith(",true,true")),
                summary.toString());
        assertTrue(summary.stream().anyMatch(l -> l.startsWith("jaccard t=5 γ=2 leiden +split +reassign,grid,")
                && l.endsWith(",false,true")), summary.toString());
        assertTrue(summary.stream().anyMatch(l -> l.contains(",baseline,") && l.endsWith(",false,false")),
                summary.toString());

        SynthCommandTest.Result bad = bench("bench", "--quality", "--grid", "tiny", "--attach", "maybe",
                "--quality-out", dir.resolve("attach").toString());
        assertEquals(2, bad.code(), bad.out());
        assertTrue(bad.err().contains("maybe"), bad.err());
    }

    @Test
    void splittingCommunitiesIsAnAxisOfTheGrid() throws Exception {
        List<String> summary = axisSummary("split", "--split", "false,true");
        assertTrue(summary.stream().anyMatch(l -> l.startsWith("jaccard t=5 γ=2 leiden +reassign +attach,grid,")
                && l.endsWith(",true,false")), summary.toString());
    }

    @Test
    void unknownGridIsAUsageError() {
        SynthCommandTest.Result r = bench("bench", "--quality", "--grid", "huge", "--quality-out",
                dir.resolve("q").toString());
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("unknown quality grid 'huge' (allowed: tiny, small, full)"), r.err());
    }

    @Test
    void benchSizesKeepTheirCacheKeys() {
        // lakes generated before the generator learned shapes stay valid in the cache
        assertEquals("ac450c4e", BenchCommand.spec("large").cacheKey());
        assertEquals("44da9296", BenchCommand.spec("medium").cacheKey());
        assertEquals("1b0a5cb0", BenchCommand.spec("small").cacheKey());
    }
}
