package io.vieweratlas.s3;

import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.StreamMetadata;
import io.vieweratlas.core.port.SnapshotStore.SnapshotWrite;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeSnapshotStore;
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
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code infrastructure/aws/athena/overlap_edges.sql} (and {@code bot_accounts.sql}) exactly
 * as they are on embedded DuckDB over a lake on disk written by the collector's own lake writer
 * ({@link LakeSnapshotStore}: layout and pretty-printed JSON), and checks the edges against a
 * plain Java count of shared viewers per channel pair.
 */
class AthenaOverlapSqlOnDuckDbTest {

    private static final Path SQL_DIR = Path.of(System.getProperty("user.dir"))
            .resolve("../../infrastructure/aws/athena").normalize();
    private static final List<String> BOTS = List.of("nightbot", "streamelements");
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 30);
    private static final int DAYS = 4;

    @TempDir
    static Path lake;

    /** Every snapshot written: day, channel, chatters (including bots and a heavy account). */
    private static final List<Snapshot> SNAPSHOTS = new ArrayList<>();

    private record Snapshot(LocalDate day, String channel, List<String> chatters) {
    }

    private record Edge(String source, String target, long shared, long sourceAudience, long targetAudience) {
    }

    @BeforeAll
    static void writeLake() {
        // Written by the collector's own lake writer, so the SQL meets the real file format.
        LakeSnapshotStore writer = LakeSnapshotStore.on(new FileSystemObjectStore(lake));
        Random random = new Random(42);
        List<String> channels = new ArrayList<>();
        for (int c = 0; c < 12; c++) {
            channels.add("channel_" + (char) ('a' + c));
        }
        for (int d = 0; d < DAYS; d++) {
            LocalDate day = FIRST_DAY.plusDays(d);
            for (String channel : channels) {
                for (int hour = 0; hour < 3; hour++) {
                    List<String> chatters = new ArrayList<>();
                    // Three planted communities of four channels, each with its own pool of viewers,
                    // plus a few who wander, so edges inside and across communities both exist.
                    int community = (channel.charAt(channel.length() - 1) - 'a') / 4;
                    for (int v = 0; v < 60; v++) {
                        if (random.nextInt(4) == 0) {
                            chatters.add("viewer" + (community * 60 + v));
                        }
                    }
                    for (int w = 0; w < 5; w++) {
                        chatters.add("wanderer" + random.nextInt(40));
                    }
                    chatters.add("heavy_lurker");          // in every channel: dropped by the breadth cut
                    chatters.add("nightbot");              // a bot
                    if (random.nextBoolean()) {
                        chatters.add("streamelements");
                    }
                    SNAPSHOTS.add(new Snapshot(day, channel, chatters));
                    PresenceSnapshot snapshot = PresenceSnapshot.builder(channel,
                                    day.atTime(hour, 0, 7).toInstant(ZoneOffset.UTC))
                            .window(Duration.ofMinutes(1))
                            .stream(new StreamMetadata(1234, "Just Chatting", "en", "a \"quoted\" title",
                                    Optional.of(day.atStartOfDay().toInstant(ZoneOffset.UTC))))
                            .chatters(chatters)
                            .build();
                    assertEquals(SnapshotWrite.Status.WRITTEN, writer.put(snapshot).status());
                }
            }
        }
    }

    @Test
    void overlapEdgesOnDuckDbEqualAPlainJavaCount() throws Exception {
        // The window leaves out the first and last day; the month boundary lies inside it.
        LocalDate from = FIRST_DAY.plusDays(1);
        LocalDate to = FIRST_DAY.plusDays(DAYS - 2);
        int maxChannelsPerViewer = 6;
        int minShared = 3;

        List<Edge> fromSql = runOnDuckDb(dt(from), dt(to), maxChannelsPerViewer, minShared);
        List<Edge> expected = countInJava(from, to, maxChannelsPerViewer, minShared);

        assertFalse(expected.isEmpty(), "the planted data must produce edges");
        assertTrue(expected.stream().anyMatch(e -> e.shared() >= 10), "strong in-community edges exist");
        assertEquals(expected, fromSql);
    }

    @Test
    void theWindowSelectsDaysByPartition() throws Exception {
        LocalDate outside = FIRST_DAY.plusDays(DAYS + 10);
        assertEquals(List.of(), runOnDuckDb(dt(outside), dt(outside), 100, 1));
        List<Edge> oneDay = runOnDuckDb(dt(FIRST_DAY), dt(FIRST_DAY), 100, 1);
        assertEquals(countInJava(FIRST_DAY, FIRST_DAY, 100, 1), oneDay);
    }

    private static String dt(LocalDate day) {
        return String.format(Locale.ROOT, "%04d/%02d/%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }

    private static List<Edge> runOnDuckDb(String from, String to, int maxChannels, int minShared)
            throws IOException, SQLException {
        String view = Files.readString(SQL_DIR.resolve("duckdb_snapshots_view.sql"))
                .replace("<lake>", lake.toAbsolutePath().toString().replace('\\', '/'));
        String bots = Files.readString(SQL_DIR.resolve("bot_accounts.sql"));
        String query = Files.readString(SQL_DIR.resolve("overlap_edges.sql"));
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(view);
                statement.execute(bots);
            }
            try (PreparedStatement statement = connection.prepareStatement(query)) {
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

    /** The same filters, written the obvious way. */
    private static List<Edge> countInJava(LocalDate from, LocalDate to, int maxChannels, int minShared) {
        Map<String, Set<String>> audience = new TreeMap<>();
        for (Snapshot snapshot : SNAPSHOTS) {
            if (snapshot.day().isBefore(from) || snapshot.day().isAfter(to)) {
                continue;
            }
            for (String chatter : snapshot.chatters()) {
                String login = chatter.toLowerCase(Locale.ROOT);
                if (!login.isEmpty() && !BOTS.contains(login)) {
                    audience.computeIfAbsent(snapshot.channel(), c -> new TreeSet<>()).add(login);
                }
            }
        }
        Map<String, Integer> breadth = new TreeMap<>();
        audience.values().forEach(viewers -> viewers.forEach(v -> breadth.merge(v, 1, Integer::sum)));
        audience.values().forEach(viewers -> viewers.removeIf(v -> breadth.get(v) > maxChannels));
        audience.values().removeIf(Set::isEmpty);

        List<String> channels = new ArrayList<>(audience.keySet());
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            for (int j = i + 1; j < channels.size(); j++) {
                Set<String> a = audience.get(channels.get(i));
                Set<String> b = audience.get(channels.get(j));
                long shared = a.stream().filter(b::contains).count();
                if (shared >= minShared) {
                    edges.add(new Edge(channels.get(i), channels.get(j), shared, a.size(), b.size()));
                }
            }
        }
        return edges;
    }
}
