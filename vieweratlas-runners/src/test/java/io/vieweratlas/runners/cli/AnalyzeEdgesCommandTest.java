package io.vieweratlas.runners.cli;

import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeSnapshotStore;
import io.vieweratlas.runners.ExitCodes;
import io.vieweratlas.synth.SyntheticLake;
import io.vieweratlas.synth.SyntheticLakeSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.vieweratlas.runners.cli.ValidateConfigCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalyzeEdgesCommandTest {

    // The lake is 40 channels in four communities: analysed at resolution 1, as the guide advises for
    // graphs this small (at the default 2, modularity splits off a pair of channels).


    @TempDir
    Path dir;
    Path lake;
    Path full;
    Path edges;

    /** A synthetic lake, its full analysis, and its graph written as the Athena query's CSV. */
    @BeforeEach
    void lakeAndEdges() throws IOException {
        lake = dir.resolve("lake");
        FileSystemObjectStore store = new FileSystemObjectStore(lake);
        LakeSnapshotStore snapshots = LakeSnapshotStore.on(store);
        SyntheticLake.plan(SyntheticLakeSpec.builder().channels(40).communities(4).viewers(2000)
                .snapshotsPerChannel(2).bots(true).seed(5).build()).forEachSnapshot(snapshots::put);
        full = dir.resolve("full");
        ValidateConfigCommandTest.Result r = run("analyze", "--resolution", "1", "--data", lake.toString(), "--out", full.toString(),
                "--seed", "9");
        assertEquals(0, r.code(), r.err() + r.out());
        Map<String, String> audience = new TreeMap<>();
        for (String line : Files.readAllLines(full.resolve("graph_nodes.csv")).subList(1, 41)) {
            String[] f = line.split(",");
            audience.put(f[0], f[1]);
        }
        List<String> csv = new ArrayList<>(List.of("source,target,shared,source_audience,target_audience"));
        List<String> edgeLines = Files.readAllLines(full.resolve("graph_edges.csv"));
        for (String line : edgeLines.subList(1, edgeLines.size())) {
            String[] f = line.split(",");
            csv.add(String.join(",", f[0], f[1], f[3], audience.get(f[0]), audience.get(f[1])));
        }
        edges = dir.resolve("edges.csv");
        Files.write(edges, csv);
    }

    private static Map<String, String> communities(Path out) throws IOException {
        Map<String, String> m = new TreeMap<>();
        List<String> lines = Files.readAllLines(out.resolve("graph_nodes.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int id = header.indexOf("id");
        int community = header.indexOf("community");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            m.put(f[id], f[community]);
        }
        return m;
    }

    @Test
    void edgeListGivesTheFullAnalysisPartitionAndWithTheLakeItsLabels() throws IOException {
        Path out = dir.resolve("from-edges");
        ValidateConfigCommandTest.Result r = run("analyze", "--resolution", "1", "--edges", edges.toString(), "--data", lake.toString(),
                "--out", out.toString(), "--seed", "9");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("Communities: 4"), r.out());
        assertEquals(communities(full), communities(out));
        assertEquals(Files.readAllLines(full.resolve("communities.csv")),
                Files.readAllLines(out.resolve("communities.csv")));
        assertTrue(Files.size(out.resolve("graph.gexf")) > 0);

        Path bare = dir.resolve("no-lake");
        r = run("analyze", "--resolution", "1", "--edges", edges.toString(), "--data", dir.resolve("absent").toString(),
                "--out", bare.toString(), "--seed", "9");
        assertEquals(0, r.code(), r.err() + r.out());
        assertEquals(communities(full), communities(bare));
        assertTrue(Files.readString(bare.resolve("communities.csv")).contains("Variety Community"));
    }

    @Test
    void parquetEdgeListGivesTheSamePartition() throws Exception {
        Path parquet = dir.resolve("edges.parquet");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv('" + edges + "', header = true)) TO '" + parquet
                    + "' (FORMAT parquet)");
        }
        Path out = dir.resolve("from-parquet");
        ValidateConfigCommandTest.Result r = run("analyze", "--resolution", "1", "--edges", parquet.toString(), "--out", out.toString(),
                "--seed", "9", "--data", lake.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertEquals(communities(full), communities(out));
    }

    /**
     * A config that does not attach unassigned channels: attaching reads viewers below the
     * threshold, which an edge list does not hold, so only the partition of the graph itself can
     * round-trip through an export.
     */
    /** Without the two steps that count viewers, which an edge list does not hold. */
    private Path withoutAttaching() throws IOException {
        Path config = dir.resolve("without-attaching.yaml");
        Files.writeString(config, "analysis:\n  attach_unassigned: false\n  reassign_channels: false\n");
        return config;
    }

    @Test
    void attachedChannelsAreWhatAnEdgeListCannotReproduce() throws IOException {
        Path attached = dir.resolve("attached");
        ValidateConfigCommandTest.Result r = run("analyze", "--data", lake.toString(), "--out", attached.toString(),
                "--seed", "9", "--weighting", "shared");
        assertEquals(0, r.code(), r.err() + r.out());
        Path plain = dir.resolve("plain");
        r = run("analyze", "--data", lake.toString(), "--out", plain.toString(), "--seed", "9", "--weighting", "shared",
                "--config", withoutAttaching().toString());
        assertEquals(0, r.code(), r.err() + r.out());
        Path again = dir.resolve("again-attached");
        r = run("analyze", "--edges", attached.resolve("graph_edges.csv").toString(), "--out", again.toString(),
                "--seed", "9", "--weighting", "shared", "--data", lake.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("attach_unassigned is not applied to an edge list"), r.out());
        assertTrue(r.out().contains("reassign_channels is not applied to an edge list"), r.out());
        assertTrue(Files.readString(again.resolve("analysis_results.json")).contains("\"attach_unassigned\" : false"),
                "the results record what was applied");
        assertTrue(Files.readString(again.resolve("analysis_results.json")).contains("\"reassign_channels\" : false"),
                "the results record what was applied");
        // the edges are the same with or without attaching, so the edge list gives the partition without it
        assertEquals(Files.readAllLines(plain.resolve("graph_edges.csv")),
                Files.readAllLines(attached.resolve("graph_edges.csv")));
        assertEquals(communities(plain), communities(again));
        long unassignedPlain = communities(plain).values().stream().filter("-1"::equals).count();
        long unassignedAttached = communities(attached).values().stream().filter("-1"::equals).count();
        assertTrue(unassignedAttached < unassignedPlain, "this lake has channels to attach");
    }

    @Test
    void ownExportRoundTripsToTheSamePartitionForEachWeighting() throws IOException {
        for (String weighting : List.of("shared", "jaccard")) {
            Path first = dir.resolve("first-" + weighting);
            ValidateConfigCommandTest.Result r = run("analyze", "--data", lake.toString(), "--out", first.toString(),
                    "--seed", "9", "--weighting", weighting, "--config", withoutAttaching().toString());
            assertEquals(0, r.code(), r.err() + r.out());
            Path again = dir.resolve("again-" + weighting);
            // graph_nodes.csv lies beside graph_edges.csv: audiences and channels without edges come from it
            r = run("analyze", "--edges", first.resolve("graph_edges.csv").toString(), "--out", again.toString(),
                    "--seed", "9", "--weighting", weighting, "--data", lake.toString());
            assertEquals(0, r.code(), r.err() + r.out());
            assertEquals(communities(first), communities(again), weighting);
            assertEquals(Files.readAllLines(first.resolve("graph_edges.csv")),
                    Files.readAllLines(again.resolve("graph_edges.csv")), weighting);
            Path fromJson = dir.resolve("json-" + weighting);
            r = run("analyze", "--edges", first.resolve("graph.json").toString(), "--out", fromJson.toString(),
                    "--seed", "9", "--weighting", weighting, "--data", dir.resolve("no-lake").toString());
            assertEquals(0, r.code(), r.err() + r.out());
            assertEquals(communities(first), communities(fromJson), weighting);
        }
    }

    @Test
    void ownEdgesAloneRunSharedWeightingAndRefuseTheOthersInOneLine() throws IOException {
        Path first = dir.resolve("first");
        ValidateConfigCommandTest.Result r = run("analyze", "--data", lake.toString(), "--out", first.toString(),
                "--seed", "9", "--weighting", "shared", "--config", withoutAttaching().toString());
        assertEquals(0, r.code(), r.err() + r.out());
        Path alone = dir.resolve("alone");
        Files.createDirectories(alone);
        Path edgesOnly = Files.copy(first.resolve("graph_edges.csv"), alone.resolve("graph_edges.csv"));

        Path again = dir.resolve("again");
        r = run("analyze", "--edges", edgesOnly.toString(), "--out", again.toString(), "--seed", "9",
                "--weighting", "shared", "--data", lake.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        Map<String, String> before = communities(first);
        Map<String, String> after = communities(again);
        before.keySet().retainAll(after.keySet()); // channels without an edge are not in an edge file
        assertEquals(before, after);

        for (String weighting : List.of("jaccard", "overlap", "significance")) {
            r = run("analyze", "--edges", edgesOnly.toString(), "--out", dir.resolve("no-" + weighting).toString(),
                    "--weighting", weighting, "--viewers", "2000");
            assertEquals(ExitCodes.USAGE, r.code(), weighting + ": " + r.out() + r.err());
            String message = r.err().strip();
            assertTrue(message.contains("weighting '" + weighting + "' needs each channel's audience")
                    && message.contains("--weighting shared") && message.lines().count() <= 2, message);
        }
    }

    @Test
    void significanceWithoutViewersIsAUsageError() {
        ValidateConfigCommandTest.Result r = run("analyze", "--resolution", "1", "--edges", edges.toString(), "--out",
                dir.resolve("x").toString(), "--weighting", "significance");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--viewers"), r.err());
        r = run("analyze", "--resolution", "1", "--edges", edges.toString(), "--out", dir.resolve("y").toString(),
                "--data", lake.toString(), "--weighting", "significance", "--viewers", "2000");
        assertEquals(0, r.code(), r.err() + r.out());
    }

    @Test
    void malformedEdgeFileNamesFileAndLine() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "source,target,shared,source_audience,target_audience\na,b,3,10,12\na,c,three,10,9\n");
        ValidateConfigCommandTest.Result r = run("analyze", "--edges", bad.toString(), "--out",
                dir.resolve("x").toString(), "--data", dir.resolve("no-lake").toString());
        assertEquals(ExitCodes.FAILURE, r.code());
        assertTrue(r.err().contains(bad + ":3: shared is not a whole number: 'three'"), r.err());
        Files.writeString(bad, "source,target,weight\na,b,3\n"); // neither Athena's form nor our graph_edges.csv
        r = run("analyze", "--edges", bad.toString(), "--out", dir.resolve("x").toString(), "--data",
                dir.resolve("no-lake").toString());
        assertTrue(r.err().contains(bad + ":1: missing column(s) shared, source_audience, target_audience"), r.err());
    }

    @Test
    void optionsThatNeedTheLakeAreRefusedWithEdges() {
        ValidateConfigCommandTest.Result r = run("analyze", "--resolution", "1", "--edges", edges.toString(), "--window", "14d");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--window"), r.err());
        r = run("analyze", "--resolution", "1", "--viewers", "10", "--data", lake.toString());
        assertEquals(ExitCodes.USAGE, r.code());
        r = run("analyze", "--resolution", "1", "--edges", dir.resolve("absent.csv").toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("no such file"), r.err());
    }
}
