package io.vieweratlas.lake;

import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.out.ProcessedDocument;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lake's keys, identical on disk and on S3 and compatible with the original project:
 *
 * <pre>
 * raw/snapshots/YYYY/MM/DD/&lt;channel&gt;_&lt;YYYYmmdd_HHMMSS&gt;.json       live snapshot (UTC)
 * raw/chatter_logs/YYYY/MM/DD/&lt;channel&gt;_&lt;YYYYmmdd_HHMMSS&gt;.csv    the original's CSV twin
 * raw/vod_chat/channel=&lt;login&gt;/vod_id=&lt;id&gt;/chat.json                raw VOD chat replay
 * curated/presence_snapshots/source=vod/channel=&lt;login&gt;/vod=&lt;id&gt;/part-0000.parquet
 * curated/presence/dt=YYYY-MM-DD/part-NNNN.parquet                  a UTC day of live snapshots, compacted
 * curated/presence/_manifests/dt=YYYY-MM-DD.json                      the record that the day is compacted
 * state/daily_collection_state.json, state/vod_queue.json
 * processed/analysis_results.json                                     newest analysis result
 * processed/timeline.json, processed/timeline.csv                     community timeline (rolling windows)
 * processed/stability.json, processed/calibration.csv                 stability, calibration
 * processed/windows/&lt;YYYYmmddTHHMMSSZ&gt;/analysis_results.json          a rolling window's result
 * runs/&lt;command&gt;/&lt;YYYYmmddTHHMMSS.sssZ&gt;.json                        run records
 * </pre>
 *
 * <p>Snapshot keys carry channel and time, so {@link #parseSnapshotKey} and
 * {@link #snapshotListingPrefixes} let readers select a time range from listings alone.
 */
public final class LakeLayout {

    /** Prefix of live snapshot JSON. */
    public static final String SNAPSHOTS = "raw/snapshots/";
    /** Prefix of the original's chatter CSV twins. */
    public static final String CHATTER_LOGS = "raw/chatter_logs/";
    /** Prefix of raw VOD chat replays. */
    public static final String VOD_CHAT = "raw/vod_chat/";
    /** Prefix of curated VOD presence buckets. */
    public static final String CURATED_VOD = "curated/presence_snapshots/source=vod/";
    /**
     * Prefix of the original project's VOD presence written without S3, relative to its data
     * directory: {@code vod_snapshots/<channel>/<vod_id>/part-0000.parquet} and
     * {@code snapshot_NNNN.json} (read only).
     */
    public static final String ORIGINAL_VOD_SNAPSHOTS = "vod_snapshots/";
    /** Prefix of live presence compacted per UTC day folder ({@code dt=YYYY-MM-DD/part-NNNN.parquet}). */
    public static final String CURATED_PRESENCE = "curated/presence/";
    /**
     * Prefix of the compaction manifests, one per compacted day. Outside every {@code dt=} folder, so
     * that a table over the day folders (Athena, DuckDB) reads Parquet only.
     */
    public static final String CURATED_PRESENCE_MANIFESTS = CURATED_PRESENCE + "_manifests/";
    /** Per-UTC-day record of which channels were collected. */
    public static final String DAILY_COLLECTION_STATE = "state/daily_collection_state.json";
    /** The VOD work queue. */
    public static final String VOD_QUEUE = "state/vod_queue.json";
    /** Prefix of analysis outputs. */
    public static final String PROCESSED = "processed/";
    /** The latest analysis result. */
    public static final String ANALYSIS_RESULTS = PROCESSED + "analysis_results.json";
    /** The community timeline over rolling windows. */
    public static final String TIMELINE = PROCESSED + "timeline.json";
    /** The community timeline as a table. */
    public static final String TIMELINE_CSV = PROCESSED + "timeline.csv";
    /** The stability report of the last analysis that assessed it. */
    public static final String STABILITY = PROCESSED + "stability.json";
    /** The last calibration table. */
    public static final String CALIBRATION = PROCESSED + "calibration.csv";
    /** Prefix of run records. */
    public static final String RUNS = "runs/";

    private static final Pattern LOGIN = Pattern.compile("[a-z0-9_]{1,64}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern COMMAND = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final Pattern SNAPSHOT_KEY = Pattern.compile(
            "raw/(snapshots|chatter_logs)/(\\d{4})/(\\d{2})/(\\d{2})/([A-Za-z0-9_]+)_(\\d{8})_(\\d{6})\\.(json|csv)");
    private static final Pattern MANIFEST_KEY = Pattern.compile(
            "curated/presence/_manifests/dt=(\\d{4}-\\d{2}-\\d{2})\\.json");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss", Locale.ROOT);
    private static final DateTimeFormatter DAY_FOLDER = DateTimeFormatter.ofPattern("uuuu/MM/dd", Locale.ROOT);
    private static final DateTimeFormatter MONTH_FOLDER = DateTimeFormatter.ofPattern("uuuu/MM", Locale.ROOT);
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'", Locale.ROOT);
    /** Ranges up to this many days are listed day by day, longer ones month by month. */
    private static final int MAX_DAY_PREFIXES = 62;
    /** Ranges longer than this many months are listed in one go. */
    private static final int MAX_MONTH_PREFIXES = 120;

    private LakeLayout() {
    }

    /**
     * The key of a live snapshot: {@code raw/snapshots/YYYY/MM/DD/<channel>_<YYYYmmdd_HHMMSS>.json},
     * day and time in UTC, the time truncated to the second.
     *
     * @throws IllegalArgumentException when {@code channel} is not a lower-case login ({@code [a-z0-9_]+})
     */
    public static String snapshotKey(String channel, Instant timestamp) {
        return SNAPSHOTS + datedName(channel, timestamp) + ".json";
    }

    /** The key of the CSV twin of a snapshot: {@code raw/chatter_logs/YYYY/MM/DD/<channel>_<YYYYmmdd_HHMMSS>.csv}. */
    public static String chatterLogKey(String channel, Instant timestamp) {
        return CHATTER_LOGS + datedName(channel, timestamp) + ".csv";
    }

    private static String datedName(String channel, Instant timestamp) {
        requireLogin("channel", channel);
        LocalDateTime utc = LocalDateTime.ofInstant(Objects.requireNonNull(timestamp, "timestamp"), ZoneOffset.UTC);
        return DAY_FOLDER.format(utc) + "/" + channel + "_" + FILE_TIME.format(utc);
    }

    /** {@code raw/vod_chat/channel=<login>/vod_id=<id>/chat.json}. */
    public static String vodChatKey(String channel, String vodId) {
        return VOD_CHAT + "channel=" + requireLogin("channel", channel) + "/vod_id=" + requireId("vodId", vodId) + "/chat.json";
    }

    /** {@code curated/presence_snapshots/source=vod/channel=<login>/vod=<id>/part-0000.parquet}. */
    public static String curatedVodKey(String channel, String vodId) {
        return CURATED_VOD + "channel=" + requireLogin("channel", channel) + "/vod=" + requireId("vodId", vodId)
                + "/part-0000.parquet";
    }

    /** {@code curated/presence/dt=YYYY-MM-DD/}: the folder of one compacted day's parts. */
    public static String curatedPresenceDayPrefix(LocalDate day) {
        return CURATED_PRESENCE + "dt=" + Objects.requireNonNull(day, "day") + "/";
    }

    /** {@code curated/presence/dt=YYYY-MM-DD/part-NNNN.parquet}, part 0 to 9999 of a compacted day. */
    public static String curatedPresencePartKey(LocalDate day, int part) {
        if (part < 0 || part > 9999) {
            throw new IllegalArgumentException("part must be between 0 and 9999, was " + part);
        }
        return curatedPresenceDayPrefix(day) + String.format(Locale.ROOT, "part-%04d.parquet", part);
    }

    /** {@code curated/presence/_manifests/dt=YYYY-MM-DD.json}: written last, it records the day as compacted. */
    public static String curatedPresenceManifestKey(LocalDate day) {
        return CURATED_PRESENCE_MANIFESTS + "dt=" + Objects.requireNonNull(day, "day") + ".json";
    }

    /** The day of a {@link #curatedPresenceManifestKey manifest key}, or empty for any other key. */
    public static Optional<LocalDate> parseCuratedPresenceManifestKey(String key) {
        Matcher m = MANIFEST_KEY.matcher(key);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(m.group(1)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The key of an analysis document: {@code processed/...}; a rolling window's result is
     * {@code processed/windows/<window end, YYYYmmddTHHMMSSZ>/analysis_results.json}.
     */
    public static String processedKey(ProcessedDocument document) {
        return switch (document) {
            case ProcessedDocument.Fixed f -> switch (f) {
                case RESULTS -> ANALYSIS_RESULTS;
                case TIMELINE -> TIMELINE;
                case TIMELINE_CSV -> TIMELINE_CSV;
                case STABILITY -> STABILITY;
                case CALIBRATION -> CALIBRATION;
            };
            case ProcessedDocument.WindowResults w -> PROCESSED + "windows/" + w.folderName() + "/analysis_results.json";
        };
    }

    /** {@code runs/<command>/<YYYYmmddTHHMMSS.sssZ>.json} for a run that started at {@code startedAt} (UTC, milliseconds). */
    public static String runRecordKey(String command, Instant startedAt) {
        if (command == null || !COMMAND.matcher(command).matches()) {
            throw new IllegalArgumentException("command '" + command + "' must be lower-case letters, digits and '-', "
                    + "starting with a letter");
        }
        return RUNS + command + "/" + RUN_TIME.format(LocalDateTime.ofInstant(startedAt, ZoneOffset.UTC)) + ".json";
    }

    /**
     * Reads a snapshot JSON key back into channel and time without touching the object. Accepts
     * the original's keys: the day folder is the file time's UTC day, or the day after (the
     * original read the clock again for the folder, which can cross midnight).
     *
     * @return empty when {@code key} is not a {@code raw/snapshots/...json} key of that shape
     */
    public static Optional<SnapshotKey> parseSnapshotKey(String key) {
        return parse(key, SnapshotKey.Format.JSON);
    }

    /** Like {@link #parseSnapshotKey} for CSV twins under {@code raw/chatter_logs/}. */
    public static Optional<SnapshotKey> parseChatterLogKey(String key) {
        return parse(key, SnapshotKey.Format.CSV);
    }

    private static Optional<SnapshotKey> parse(String key, SnapshotKey.Format format) {
        Matcher m = SNAPSHOT_KEY.matcher(key);
        if (!m.matches()) {
            return Optional.empty();
        }
        boolean json = m.group(1).equals("snapshots");
        if (json != m.group(8).equals("json") || json != (format == SnapshotKey.Format.JSON)) {
            return Optional.empty();
        }
        try {
            LocalDate folder = LocalDate.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)));
            LocalDateTime time = fileTime(m.group(6), m.group(7));
            LocalDate day = time.toLocalDate();
            if (!folder.equals(day) && !folder.equals(day.plusDays(1))) {
                return Optional.empty();
            }
            return Optional.of(new SnapshotKey(key, m.group(5).toLowerCase(Locale.ROOT), time.toInstant(ZoneOffset.UTC),
                    format));
        } catch (DateTimeException e) {
            return Optional.empty(); // e.g. month 13 or 25 o'clock: not a key this layout produces
        }
    }

    /**
     * {@code uuuuMMdd} and {@code HHmmss} (digits, checked by the key pattern) as {@link #FILE_TIME}
     * reads them. Every listed key passes here, so plain fields are converted directly; the rare
     * values the formatter resolves leniently (day 29–31, hour 24) still go through it, so the
     * result is always the formatter's.
     */
    private static LocalDateTime fileTime(String date, String time) {
        int year = Integer.parseInt(date, 0, 4, 10);
        int month = Integer.parseInt(date, 4, 6, 10);
        int day = Integer.parseInt(date, 6, 8, 10);
        int hour = Integer.parseInt(time, 0, 2, 10);
        int minute = Integer.parseInt(time, 2, 4, 10);
        int second = Integer.parseInt(time, 4, 6, 10);
        if (month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour <= 23 && minute <= 59 && second <= 59) {
            return LocalDateTime.of(year, month, day, hour, minute, second);
        }
        return LocalDateTime.parse(date + "_" + time, FILE_TIME);
    }

    /**
     * The listing prefixes (relative to {@link #SNAPSHOTS} or {@link #CHATTER_LOGS}, e.g.
     * {@code 2024/01/15/}) that together hold every snapshot whose key time lies in
     * {@code [from, until)}: the day folders of the range plus the day after (see
     * {@link #parseSnapshotKey}), month folders for long ranges, or the single empty prefix when
     * the range is open or very long. Keys under these prefixes may still lie outside the range.
     */
    public static List<String> snapshotListingPrefixes(TimeRange keyTimes) {
        if (keyTimes.since().isEmpty() || keyTimes.until().isEmpty()) {
            return List.of("");
        }
        LocalDate first = LocalDate.ofInstant(keyTimes.since().get(), ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(keyTimes.until().get().minusNanos(1), ZoneOffset.UTC).plusDays(1);
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        List<String> prefixes = new ArrayList<>();
        if (days <= MAX_DAY_PREFIXES) {
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                prefixes.add(DAY_FOLDER.format(d) + "/");
            }
            return prefixes;
        }
        YearMonth firstMonth = YearMonth.from(first);
        YearMonth lastMonth = YearMonth.from(last);
        if (ChronoUnit.MONTHS.between(firstMonth, lastMonth) + 1 > MAX_MONTH_PREFIXES) {
            return List.of("");
        }
        for (YearMonth m = firstMonth; !m.isAfter(lastMonth); m = m.plusMonths(1)) {
            prefixes.add(MONTH_FOLDER.format(m) + "/");
        }
        return prefixes;
    }

    /** Whether {@code login} is a valid lower-case channel or user login for keys. */
    public static boolean isLogin(String login) {
        return login != null && LOGIN.matcher(login).matches();
    }

    private static String requireLogin(String what, String login) {
        if (!isLogin(login)) {
            throw new IllegalArgumentException(what + " '" + login + "' is not a lower-case Twitch login ([a-z0-9_]{1,64})");
        }
        return login;
    }

    private static String requireId(String what, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " '" + id + "' must be 1-64 letters, digits, '_' or '-'");
        }
        return id;
    }
}
