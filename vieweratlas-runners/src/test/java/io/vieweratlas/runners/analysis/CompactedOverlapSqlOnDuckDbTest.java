package io.vieweratlas.runners.analysis;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.aggregate.PresenceTable;
import io.vieweratlas.core.analysis.viewer.ViewerKeys;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeSnapshotStore;
import io.vieweratlas.parquet.PresenceCompactor;
import io.vieweratlas.synth.SyntheticLake;
import io.vieweratlas.synth.SyntheticLakeSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code infrastructure/aws/athena/overlap_edges_compacted.sql} exactly as it is on embedded
 * DuckDB over the compacted layer of a bench-shaped synthetic lake (planted communities, bots,
 * hourly snapshots over two days), compacted by {@link PresenceCompactor}, and checks its edges
 * against the JVM's: the presence table the analysis loads from the same lake (compacted days read
 * from Parquet), counted pair by pair; and against the raw-layer query {@code overlap_edges.sql}.
 */
class CompactedOverlapSqlOnDuckDbTest {

    private static final Path SQL_DIR = Path.of(System.getProperty("user.dir"))
            .resolve("../infrastructure/aws/athena").normalize();
    private static final LocalDate DAY1 = LocalDate.of(2026, 1, 5);
    private static final LocalDate DAY2 = DAY1.plusDays(1);

    @TempDir
    static Path lake;

    private record Edge(String source, String target, long shared, long sourceAudience, long targetAudience) {
    }

    @BeforeAll
    static void writeAndCompactLake() {
        FileSystemObjectStore store = new FileSystemObjectStore(lake);
        SyntheticLake.plan(SyntheticLakeSpec.builder().channels(36).communities(4).viewers(2000)
                .snapshotsPerChannel(48).bots(true).seed(1).build()).forEachSnapshot(LakeSnapshotStore.on(store)::put);
        List<PresenceCompactor.DayOutcome> outcomes = PresenceCompactor.builder(store).build().compact(List.of(DAY1, DAY2));
        assertTrue(outcomes.stream().allMatch(o -> o.status() == PresenceCompactor.DayOutcome.Status.COMPACTED));
    }

    @Test
    void compactedSqlOnDuckDbGivesTheJvmEdges() throws Exception {
        int maxChannels = 12;
        int minShared = 5;
        List<Edge> sql = compactedSql(DAY1.toString(), DAY2.toString(), maxChannels, minShared);
        List<Edge> jvm = jvmEdges(TimeRange.ALL, maxChannels, minShared);
        assertTrue(jvm.size() > 50, "edges: " + jvm.size());
        assertEquals(jvm, sql);
        assertEquals(rawSql("2026/01/05", "2026/01/06", maxChannels, minShared), sql, "the raw-layer query agrees");
    }

    @Test
    void theWindowSelectsCompactedDaysByPartition() throws Exception {
        List<Edge> oneDay = compactedSql(DAY2.toString(), DAY2.toString(), 1000, 1);
        assertEquals(jvmEdges(TimeRange.between(DAY2.atStartOfDay().toInstant(ZoneOffset.UTC),
                DAY2.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)), 1000, 1), oneDay);
        assertEquals(List.of(), compactedSql("2026-02-01", "2026-02-03", 1000, 1));
    }

    @Test
    void theSqlBotListIsTheAnalysisDefault() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute(Files.readString(SQL_DIR.resolve("bot_accounts.sql")));
            Set<String> sql = new java.util.TreeSet<>();
            try (ResultSet rows = statement.executeQuery("SELECT login FROM bot_accounts")) {
                while (rows.next()) {
                    sql.add(rows.getString(1));
                }
            }
            assertEquals(new java.util.TreeSet<>(AnalysisParameters.DEFAULT_BOTS), sql);
        }
    }

    /** The presence table the analysis loads (compacted days from Parquet), counted pair by pair in Java. */
    private static List<Edge> jvmEdges(TimeRange range, int maxChannels, int minShared) {
        PresenceTable table = new LakePresence(new FileSystemObjectStore(lake), LakeSelection.LIVE, OptionalInt.of(2),
                n -> { }).loadTable(range, PresencePolicy.INCLUSIVE).table();
        Set<ViewerKeys.Key> bots = new HashSet<>();
        AnalysisParameters.DEFAULT_BOTS.forEach(b -> bots.add(ViewerKeys.of(b)));
        Map<String, Set<Integer>> audience = new TreeMap<>();
        for (int i = 0; i < table.rows(); i++) {
            for (int j = table.start(i); j < table.end(i); j++) {
                int viewer = table.members()[j];
                if (!bots.contains(table.viewers().key(viewer))) {
                    audience.computeIfAbsent(table.channel(i), c -> new HashSet<>()).add(viewer);
                }
            }
        }
        Map<Integer, Integer> breadth = new HashMap<>();
        audience.values().forEach(vs -> vs.forEach(v -> breadth.merge(v, 1, Integer::sum)));
        audience.values().forEach(vs -> vs.removeIf(v -> breadth.get(v) > maxChannels));
        audience.values().removeIf(Set::isEmpty);
        List<String> channels = new ArrayList<>(audience.keySet());
        List<Edge> edges = new ArrayList<>();
        for (int a = 0; a < channels.size(); a++) {
            for (int b = a + 1; b < channels.size(); b++) {
                Set<Integer> x = audience.get(channels.get(a));
                Set<Integer> y = audience.get(channels.get(b));
                long shared = x.stream().filter(y::contains).count();
                if (shared >= minShared) {
                    edges.add(new Edge(channels.get(a), channels.get(b), shared, x.size(), y.size()));
                }
            }
        }
        return edges;
    }

    private static List<Edge> compactedSql(String from, String to, int maxChannels, int minShared)
            throws IOException, SQLException {
        return run("duckdb_presence_view.sql", "overlap_edges_compacted.sql", from, to, maxChannels, minShared);
    }

    private static List<Edge> rawSql(String from, String to, int maxChannels, int minShared)
            throws IOException, SQLException {
        return run("duckdb_snapshots_view.sql", "overlap_edges.sql", from, to, maxChannels, minShared);
    }

    private static List<Edge> run(String viewFile, String queryFile, String from, String to, int maxChannels,
                                  int minShared) throws IOException, SQLException {
        String view = Files.readString(SQL_DIR.resolve(viewFile))
                .replace("<lake>", lake.toAbsolutePath().toString().replace('\\', '/'));
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(view);
                statement.execute(Files.readString(SQL_DIR.resolve("bot_accounts.sql")));
            }
            try (PreparedStatement statement = connection.prepareStatement(Files.readString(SQL_DIR.resolve(queryFile)))) {
                statement.setString(1, from);
                statement.setString(2, to);
                statement.setInt(3, maxChannels);
                statement.setInt(4, minShared);
                List<Edge> edges = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        edges.add(new Edge(rows.getString("source"), rows.getString("target"), rows.getLong("shared"),
                                rows.getLong("source_audience"), rows.getLong("target_audience")));
                    }
                }
                return edges;
            }
        }
    }
}
