package io.vieweratlas.lake;

import io.vieweratlas.core.model.LoadReport.SkippedInput;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.StreamMetadata;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads (and, for {@code collection.write_csv_twin}, writes) the original project's chatter CSV, the twin it wrote next to each snapshot JSON under
 * {@code raw/chatter_logs/YYYY/MM/DD/<channel>_<YYYYmmdd_HHMMSS>.csv}.
 *
 * <p>The original wrote it with Python's {@code csv.writer} (comma, {@code "} quoting only where
 * needed, {@code ""} for a quote, CRLF line ends): a header
 * {@code timestamp,channel,viewer_count,game_name,title,started_at,username} and one row per
 * chatter, sorted, each repeating the snapshot's metadata. There is no language column. Columns
 * are found by header name, so the older {@code chatter}, {@code viewers} and {@code game}
 * names work too; only the login column is required.
 *
 * <p>A malformed line (wrong number of fields, blank login, another channel, bad timestamp, an
 * unterminated quote) is reported as {@code <key>:<line>} with its reason and left out; the
 * file's other rows still make the snapshot. Metadata and timestamp come from the first good
 * row; a file with a header but no rows is a snapshot with no chatters at the key's time.
 */
public final class ChatterCsvCodec {

    /**
     * What a CSV file yielded.
     *
     * @param snapshot the snapshot, unless the file was unusable as a whole
     * @param problems every malformed line or the reason the whole file was refused
     */
    public record Result(Optional<PresenceSnapshot> snapshot, List<SkippedInput> problems) {
        public Result {
            Objects.requireNonNull(snapshot, "snapshot");
            problems = List.copyOf(byLine(problems));
        }
    }

    /** Creates a codec; instances are stateless and thread-safe. */
    public ChatterCsvCodec() {
    }

    /** The original's header, in its order. */
    public static final String HEADER = "timestamp,channel,viewer_count,game_name,title,started_at,username";

    /**
     * The snapshot as the original's collector wrote its CSV twin: {@link #HEADER}, then one row
     * per chatter in login order, each repeating the snapshot's time (the lake's timestamp form),
     * channel, viewer count, game, title and {@code started_at} (Helix's form, {@code Unknown}
     * when not known), quoted as Python's {@code csv.writer} quotes, CRLF line ends. There is no
     * language column (the original had none). Equal snapshots give equal bytes, and
     * {@link #decode} gives back the channel, time, chatters and those metadata.
     */
    public byte[] encode(PresenceSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        StreamMetadata stream = snapshot.stream();
        String prefix = String.join(",", field(LakeTimes.formatTimestamp(snapshot.timestamp())),
                field(snapshot.channel()), Long.toString(stream.viewerCount()), field(stream.gameName()),
                field(stream.title()), field(stream.startedAt().map(LakeTimes::formatStartedAt).orElse("Unknown")));
        StringBuilder out = new StringBuilder(HEADER.length() + 2 + (prefix.length() + 16) * snapshot.chatters().size());
        out.append(HEADER).append("\r\n");
        for (String login : new java.util.TreeSet<>(snapshot.chatters())) {
            out.append(prefix).append(',').append(field(login)).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Python {@code csv.writer}'s minimal quoting: only fields holding a comma, quote or line break. */
    private static String field(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return '"' + s.replace("\"", "\"\"") + '"';
            }
        }
        return s;
    }

    /**
     * Decodes a chatter CSV.
     *
     * @param content the file's bytes (UTF-8)
     * @param key     where it lies, parsed; gives the channel, a fallback time, and the location in problems
     */
    public Result decode(byte[] content, SnapshotKey key) {
        String location = key.key();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return refuse(location, "not UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Row> rows = new ArrayList<>();
        List<SkippedInput> problems = new ArrayList<>();
        split(text, location, rows, problems);
        if (rows.isEmpty()) {
            problems.add(0, new SkippedInput(location, "empty file (no header)"));
            return new Result(Optional.empty(), problems);
        }
        Map<String, Integer> columns = new TreeMap<>();
        List<String> header = rows.get(0).fields();
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        Integer login = first(columns, "username", "chatter", "user", "login");
        if (login == null) {
            problems.add(0, new SkippedInput(location + ":" + rows.get(0).line(),
                    "header has no username column (found " + header + ")"));
            return new Result(Optional.empty(), problems);
        }
        Integer channelCol = first(columns, "channel");
        Integer timeCol = first(columns, "timestamp");
        Integer viewersCol = first(columns, "viewer_count", "viewers");
        Integer gameCol = first(columns, "game_name", "game");
        Integer titleCol = first(columns, "title");
        Integer startedCol = first(columns, "started_at");
        Integer languageCol = first(columns, "language", "broadcaster_language");

        PresenceSnapshot.Builder builder = null;
        int dataRows = rows.size() - 1;
        for (Row row : rows.subList(1, rows.size())) {
            String where = location + ":" + row.line();
            List<String> f = row.fields();
            if (f.size() != header.size()) {
                problems.add(new SkippedInput(where, "expected " + header.size() + " fields as in the header, found " + f.size()));
                continue;
            }
            String user = f.get(login).strip().toLowerCase(Locale.ROOT);
            if (user.isEmpty()) {
                problems.add(new SkippedInput(where, "blank username"));
                continue;
            }
            if (channelCol != null) {
                String channel = f.get(channelCol).strip().toLowerCase(Locale.ROOT);
                if (!channel.equals(key.channel())) {
                    problems.add(new SkippedInput(where, "channel '" + channel + "' does not match '" + key.channel()
                            + "' named by the key"));
                    continue;
                }
            }
            if (builder == null) {
                try {
                    builder = firstRow(f, key, timeCol, viewersCol, gameCol, titleCol, startedCol, languageCol);
                } catch (IllegalArgumentException e) {
                    problems.add(new SkippedInput(where, e.getMessage()));
                    continue;
                }
            }
            builder.chatter(user);
        }
        if (builder == null) {
            if (dataRows > 0) {
                return new Result(Optional.empty(), problems); // every row was bad, each is reported
            }
            builder = PresenceSnapshot.builder(key.channel(), key.time());
        }
        return new Result(Optional.of(builder.build()), problems);
    }

    /** Problems in line order (unterminated quotes are found while splitting, before the rows are checked). */
    private static List<SkippedInput> byLine(List<SkippedInput> problems) {
        List<SkippedInput> sorted = new ArrayList<>(problems);
        sorted.sort(java.util.Comparator.comparingInt(p -> {
            String loc = p.location();
            String tail = loc.substring(loc.lastIndexOf(':') + 1);
            return tail.chars().allMatch(Character::isDigit) && !tail.isEmpty() ? Integer.parseInt(tail) : 0;
        }));
        return sorted;
    }

    private static PresenceSnapshot.Builder firstRow(List<String> f, SnapshotKey key, Integer timeCol, Integer viewersCol,
                                                     Integer gameCol, Integer titleCol, Integer startedCol,
                                                     Integer languageCol) {
        Instant timestamp = key.time();
        if (timeCol != null) {
            String t = f.get(timeCol);
            timestamp = LakeTimes.parse(t).orElseThrow(() -> new IllegalArgumentException(
                    "timestamp '" + t + "' is not an ISO-8601 date-time"));
        }
        long viewers = 0;
        if (viewersCol != null) {
            String v = f.get(viewersCol).strip();
            if (!LakeTimes.isPlaceholder(v)) {
                try {
                    viewers = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("viewer_count '" + v + "' is not a whole number");
                }
                if (viewers < 0) {
                    throw new IllegalArgumentException("viewer_count must not be negative, found " + v);
                }
            }
        }
        Optional<Instant> startedAt = Optional.empty();
        if (startedCol != null && !LakeTimes.isPlaceholder(f.get(startedCol))) {
            String s = f.get(startedCol);
            startedAt = Optional.of(LakeTimes.parse(s).orElseThrow(() -> new IllegalArgumentException(
                    "started_at '" + s + "' is not an ISO-8601 date-time")));
        }
        StreamMetadata meta = new StreamMetadata(viewers, cell(f, gameCol), cell(f, languageCol), cell(f, titleCol), startedAt);
        return PresenceSnapshot.builder(key.channel(), timestamp).stream(meta);
    }

    private static String cell(List<String> f, Integer col) {
        return col == null ? "" : f.get(col);
    }

    private static Integer first(Map<String, Integer> columns, String... names) {
        for (String n : names) {
            Integer i = columns.get(n);
            if (i != null) {
                return i;
            }
        }
        return null;
    }

    private static Result refuse(String location, String reason) {
        return new Result(Optional.empty(), List.of(new SkippedInput(location, reason)));
    }

    /** One CSV record and the line it starts on. */
    private record Row(int line, List<String> fields) {
    }

    /** Splits Python-csv text into records; quoted fields may hold commas, quotes and line breaks. */
    private static void split(String text, String location, List<Row> rows, List<SkippedInput> problems) {
        int i = 0;
        int line = 1;
        int n = text.length();
        while (i < n) {
            int startLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean fieldStart = true;
            boolean unterminated = false;
            boolean endOfRecord = false;
            while (i < n && !endOfRecord) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            cell.append('"');
                            i += 2;
                        } else {
                            quoted = false;
                            i++;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        cell.append(c);
                        i++;
                    }
                    if (quoted && i >= n) {
                        unterminated = true;
                    }
                } else if (c == '"' && fieldStart) {
                    quoted = true;
                    fieldStart = false;
                    i++;
                    if (i >= n) {
                        unterminated = true;
                    }
                } else if (c == ',') {
                    fields.add(cell.toString());
                    cell.setLength(0);
                    fieldStart = true;
                    i++;
                } else if (c == '\r' || c == '\n') {
                    i += (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
                    line++;
                    endOfRecord = true;
                } else {
                    cell.append(c);
                    fieldStart = false;
                    i++;
                }
            }
            fields.add(cell.toString());
            if (unterminated) {
                problems.add(new SkippedInput(location + ":" + startLine, "unterminated quoted field (file truncated?)"));
            } else if (!(fields.size() == 1 && fields.get(0).isEmpty())) {
                rows.add(new Row(startLine, fields));
            }
        }
    }
}
