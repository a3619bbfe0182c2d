package io.vieweratlas.s3;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code infrastructure/aws/athena/overlap_edges.sql} (and {@code bot_accounts.sql}) exactly
 * as they are on embedded DuckDB over a lake on disk in the collector's layout and JSON format,
 * and checks the edges against a plain Java count of shared viewers per channel pair.
 */
class AthenaOverlapSqlOnDuckDbTest {

    private static final Path SQL_DIR = Path.of(System.getProperty("user.dir"))
            .resolve("../../infrastructure/aws/athena").normalize();
    private static final List<String> BOTS = List.of("nightbot", "streamelements");
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 30);
    private static final int DAYS = 4;

    @TempDir
    static Path lake;

    /** Every snapshot written: day, channel, chatters as written (mixed case, bots, blanks). */
    private static final List<Snapshot> SNAPSHOTS = new ArrayList<>();

    private record Snapshot(LocalDate day, String channel, List<String> chatters) {
    }

    private record Edge(String source, String target, long shared, long sourceAudience, long targetAudience) {
    }

    @BeforeAll
    static void writeLake() throws IOException {
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
                    chatters.add("Heavy_Lurker");          // in every channel: dropped by the breadth cut
                    chatters.add("NightBot");              // a bot, in another case than the list
                    if (random.nextBoolean()) {
                        chatters.add("streamelements");
                    }
                    chatters.add("Viewer" + random.nextInt(180)); // case differs from the same login elsewhere
                    chatters.add("");                      // blank entries are ignored
                    SNAPSHOTS.add(new Snapshot(day, channel, chatters));
                    write(day, channel, hour, chatters);
                }
            }
        }
    }

    private static void write(LocalDate day, String channel, int hour, List<String> chatters) throws IOException {
        String date = String.format(Locale.ROOT, "%04d%02d%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
        Path dir = lake.resolve(String.format(Locale.ROOT, "raw/snapshots/%04d/%02d/%02d",
                day.getYear(), day.getMonthValue(), day.getDayOfMonth()));
        Files.createDirectories(dir);
        // The collector's layout: Python json.dump(indent=2), one field per line.
        StringBuilder json = new StringBuilder();
        json.append("{\n");
        json.append("  \"channel\": \"").append(channel).append("\",\n");
        json.append("  \"timestamp\": \"").append(day).append('T').append(String.format(Locale.ROOT, "%02d", hour))
                .append(":00:00+00:00\",\n");
        json.append("  \"viewer_count\": 1234,\n");
        json.append("  \"game_name\": \"Just Chatting\",\n");
        json.append("  \"language\": \"en\",\n");
        json.append("  \"title\": \"a \\\"quoted\\\" title\",\n");
        json.append("  \"started_at\": \"").append(day).append("T00:00:00Z\",\n");
        json.append("  \"chatters\": [");
        for (int i = 0; i < chatters.size(); i++) {
            json.append(i == 0 ? "\n" : ",\n").append("    \"").append(chatters.get(i)).append('"');
        }
        json.append(chatters.isEmpty() ? "]" : "\n  ]").append(",\n");
        json.append("  \"source\": \"live\",\n");
        json.append("  \"window_s\": 60,\n");
        json.append("  \"schema_version\": 2\n");
        json.append('}');
        Files.writeString(dir.resolve(channel + "_" + date + "_" + String.format(Locale.ROOT, "%02d", hour) + "0000.json"),
                json, StandardCharsets.UTF_8);
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
