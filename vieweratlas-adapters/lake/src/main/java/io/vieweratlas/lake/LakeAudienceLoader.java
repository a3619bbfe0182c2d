package io.vieweratlas.lake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.vieweratlas.core.analysis.Parallel;
import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.analysis.aggregate.PresenceTable;
import io.vieweratlas.core.analysis.aggregate.PresenceTableBuilder;
import io.vieweratlas.core.analysis.viewer.ViewerKeys;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.LoadReport.SkippedInput;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.PresenceSource;
import io.vieweratlas.core.port.StoredObject;
import io.vieweratlas.filesystem.FileSystemObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * The fast way from a lake to the analysis: files are read and parsed on all cores, each thread
 * into its own {@link PresenceTableBuilder}; the {@code chatters} array of a regular file is
 * scanned straight from its bytes and each login is reduced to its {@link ViewerKeys key} where
 * it lies, without a {@code String} per occurrence; Jackson's streaming parser validates the rest
 * of the file. The threads share nothing until {@link PresenceTable#of} numbers the viewers.
 *
 * <p>It reads exactly what {@link LakeSnapshotStore#forEachSnapshot} reads, with the same
 * validation: the fast parser accepts only files whose meaning is unambiguous (well-formed, the
 * expected types, lower-case logins without surrounding blanks); anything else — malformed JSON,
 * wrong types, upper-case logins, a chatter CSV or a JSON file with a CSV twin that needs it — is
 * handed to {@link SnapshotJsonCodec} / {@link ChatterCsvCodec}, so a malformed file is skipped
 * with its key and the codec's reason in the report and the rest loads.
 */
public final class LakeAudienceLoader {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final int PROGRESS_EVERY = 500;
    /** Files handed to a loading thread at a time (consecutive keys: a channel's snapshots of a day). */
    private static final int BATCH = 16;
    private static final List<Candidate> END_OF_LISTING = List.of();

    private final ObjectStore store;
    private final Optional<Path> localRoot;
    private final int threads;
    private final PresencePolicy policy;
    private final Duration keyTimeSlack;
    private final LongConsumer progress;
    private final boolean liveSnapshots;
    private final List<PresenceSource> extraSources;
    private final SnapshotJsonCodec json = new SnapshotJsonCodec();
    private final ChatterCsvCodec csv = new ChatterCsvCodec();

    private LakeAudienceLoader(Builder b) {
        this.store = b.store;
        this.localRoot = b.localRoot;
        this.threads = b.threads;
        this.policy = b.policy;
        this.keyTimeSlack = b.keyTimeSlack;
        this.progress = b.progress;
        this.liveSnapshots = b.liveSnapshots;
        this.extraSources = List.copyOf(b.extraSources);
    }

    /** A builder reading from {@code store}. */
    public static Builder builder(ObjectStore store) {
        return new Builder(store);
    }

    /**
     * Reads every snapshot whose time lies in {@code range}.
     *
     * @return the table and what was read and skipped
     */
    public PresenceIngest.Loaded load(TimeRange range) {
        Objects.requireNonNull(range, "range");
        TimeRange keyRange = new TimeRange(range.since().map(t -> t.truncatedTo(ChronoUnit.SECONDS)),
                range.until().map(t -> t.plus(keyTimeSlack)));
        List<SkippedInput> skipped = new ArrayList<>();
        AtomicLong done = new AtomicLong();
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(new Worker(new PresenceTableBuilder()));
        }
        // One thread lists while the others read what it has listed so far: listing a large lake
        // on disk is a directory walk with a stat per file (tens of ms per thousand files), and
        // would otherwise leave the other cores idle at the start.
        BlockingQueue<List<Candidate>> batches = new LinkedBlockingQueue<>();
        AtomicInteger role = new AtomicInteger();
        Parallel.run(threads + 1, () -> {
            int me = role.getAndIncrement();
            if (me == 0) {
                try {
                    if (liveSnapshots) {
                        List<Candidate> batch = new ArrayList<>(BATCH);
                        for (String prefix : LakeLayout.snapshotListingPrefixes(keyRange)) {
                            batch = listCandidates(prefix, keyRange, skipped, batch, batches);
                        }
                        if (!batch.isEmpty()) {
                            batches.add(batch);
                        }
                    }
                } finally {
                    for (int i = 0; i < threads; i++) {
                        batches.add(END_OF_LISTING);
                    }
                }
                return;
            }
            Worker w = workers.get(me - 1);
            while (true) {
                List<Candidate> batch;
                try {
                    batch = batches.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while loading the lake", e);
                }
                if (batch == END_OF_LISTING) {
                    return;
                }
                for (Candidate candidate : batch) {
                    w.read(candidate, range);
                    long d = done.incrementAndGet();
                    if (d % PROGRESS_EVERY == 0) {
                        progress.accept(d);
                    }
                }
            }
        });
        progress.accept(done.get());
        long loaded = 0;
        List<PresenceTableBuilder> builders = new ArrayList<>();
        for (Worker w : workers) {
            loaded += w.loaded;
            skipped.addAll(w.skipped);
            builders.add(w.builder);
        }
        for (PresenceSource source : extraSources) {
            // Other sources (e.g. VOD buckets) go into the same table.
            PresenceTableBuilder extra = new PresenceTableBuilder();
            LoadReport report = source.forEachSnapshot(range, snapshot -> PresenceIngest.append(extra, snapshot, policy));
            loaded += report.loaded();
            skipped.addAll(report.skipped());
            builders.add(extra);
        }
        return new PresenceIngest.Loaded(PresenceTable.of(builders, threads), new LoadReport(loaded, skipped));
    }

    private record Candidate(SnapshotKey key, Optional<SnapshotKey> csvTwin) {
    }

    /**
     * Lists JSON and CSV keys under one prefix and joins twins, as {@link LakeSnapshotStore} does,
     * adding candidates to {@code batch} and handing each full batch to {@code out}.
     *
     * @return the batch being filled
     */
    private List<Candidate> listCandidates(String prefix, TimeRange keyRange, List<SkippedInput> skipped,
                                           List<Candidate> batch, BlockingQueue<List<Candidate>> out) {
        List<Candidate> current = batch;
        try (Stream<String> jsonListing = store.listKeys(LakeLayout.SNAPSHOTS + prefix);
             Stream<String> csvListing = store.listKeys(LakeLayout.CHATTER_LOGS + prefix)) {
            Iterator<SnapshotKey> jsonKeys = keys(jsonListing, SnapshotKey.Format.JSON, keyRange, skipped);
            Iterator<SnapshotKey> csvKeys = keys(csvListing, SnapshotKey.Format.CSV, keyRange, skipped);
            SnapshotKey j = jsonKeys.hasNext() ? jsonKeys.next() : null;
            SnapshotKey c = csvKeys.hasNext() ? csvKeys.next() : null;
            while (j != null || c != null) {
                int order = j == null ? 1 : c == null ? -1 : j.stem().compareTo(c.stem());
                if (order == 0) {
                    current.add(new Candidate(j, Optional.of(c)));
                    j = jsonKeys.hasNext() ? jsonKeys.next() : null;
                    c = csvKeys.hasNext() ? csvKeys.next() : null;
                } else if (order < 0) {
                    current.add(new Candidate(j, Optional.empty()));
                    j = jsonKeys.hasNext() ? jsonKeys.next() : null;
                } else {
                    current.add(new Candidate(c, Optional.empty()));
                    c = csvKeys.hasNext() ? csvKeys.next() : null;
                }
                if (current.size() == BATCH) {
                    out.add(current);
                    current = new ArrayList<>(BATCH);
                }
            }
        }
        return current;
    }

    private static Iterator<SnapshotKey> keys(Stream<String> listing, SnapshotKey.Format format, TimeRange keyRange,
                                              List<SkippedInput> skipped) {
        return listing
                .<SnapshotKey>mapMulti((key, sink) -> {
                    Optional<SnapshotKey> parsed = format == SnapshotKey.Format.JSON
                            ? LakeLayout.parseSnapshotKey(key) : LakeLayout.parseChatterLogKey(key);
                    if (parsed.isEmpty()) {
                        skipped.add(new SkippedInput(key, "not a snapshot key (expected "
                                + (format == SnapshotKey.Format.JSON
                                ? LakeLayout.SNAPSHOTS + "YYYY/MM/DD/<channel>_<YYYYmmdd_HHMMSS>.json"
                                : LakeLayout.CHATTER_LOGS + "YYYY/MM/DD/<channel>_<YYYYmmdd_HHMMSS>.csv") + ")"));
                    } else if (keyRange.contains(parsed.get().time())) {
                        sink.accept(parsed.get());
                    }
                })
                .iterator();
    }

    /** The outcome of the fast parser for one file. */
    private enum Fast { ADDED, OUT_OF_RANGE, NEEDS_CODEC, RETRY }

    private static final byte PLAIN = 0;
    /**
     * Per byte value, whether it may appear in a login the byte scan takes as is ({@link #PLAIN}):
     * printable ASCII other than the quote, the backslash and upper case.
     */
    private static final byte[] LOGIN_BYTE = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            boolean plain = b > ' ' && b < 0x7f && b != '"' && b != '\\' && !(b >= 'A' && b <= 'Z');
            LOGIN_BYTE[b] = plain ? PLAIN : 1;
        }
    }

    private static final byte[] CHATTERS_FIELD = "\"chatters\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** One loading thread's state. */
    private final class Worker {
        final PresenceTableBuilder builder;
        final List<SkippedInput> skipped = new ArrayList<>();
        long loaded;
        // evidence of the current file: the kinds per login, in the order the file names them
        final Map<ViewerKeys.Key, Integer> evidence = new LinkedHashMap<>();
        // the chatters array found by the byte scan: login ranges of the file's bytes
        byte[] scannedSource;
        int[] scannedOffsets = new int[1024];
        int[] scannedLengths = new int[1024];
        int scannedCount;
        int spliceAt = -1;
        boolean spliceVerified;

        // the current file: data[0, length); data is reused from file to file when reading from
        // disk, so that 130 MB of snapshots do not become 130 MB of garbage
        byte[] data;
        int length;
        byte[] readBuffer = new byte[64 * 1024];
        byte[] spliceBuffer = new byte[4 * 1024];

        Worker(PresenceTableBuilder builder) {
            this.builder = builder;
        }

        /** Reads the object at {@code key} into {@code data}; false when it is gone. */
        private boolean readContent(String key) {
            if (localRoot.isEmpty()) {
                Optional<StoredObject> object = store.get(key);
                object.ifPresent(o -> {
                    data = o.content();
                    length = data.length;
                });
                return object.isPresent();
            }
            Path file = localRoot.get().resolve(key);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = channel.size();
                if (size > Integer.MAX_VALUE - 16) {
                    throw new IOException("file larger than 2 GB");
                }
                int n = 0;
                while (true) {
                    if (n == readBuffer.length || readBuffer.length < size + 1) {
                        // + 1: the read that returns -1 at the end needs room to be attempted
                        readBuffer = Arrays.copyOf(readBuffer, (int) Math.min(Integer.MAX_VALUE - 16,
                                Math.max(size + 1, readBuffer.length * 2L)));
                    }
                    int r = channel.read(ByteBuffer.wrap(readBuffer, n, readBuffer.length - n));
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
                data = readBuffer;
                length = n;
                return true;
            } catch (NoSuchFileException e) {
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + key + " under " + localRoot.get(), e);
            }
        }

        /** The current file's bytes as an array of their own (for the codecs, on the rare slow path). */
        private byte[] content() {
            return data.length == length ? data : Arrays.copyOf(data, length);
        }

        void read(Candidate candidate, TimeRange range) {
            SnapshotKey key = candidate.key();
            if (!readContent(key.key())) {
                skipped.add(new SkippedInput(key.key(), "deleted while the lake was being read"));
                return;
            }
            if (key.format() == SnapshotKey.Format.JSON) {
                Fast fast = Fast.RETRY;
                int spliced = splice(data, length);
                if (spliced >= 0) {
                    try {
                        fast = parse(spliceBuffer, spliced, key, range);
                    } catch (IOException | RuntimeException e) {
                        fast = Fast.RETRY;
                    }
                    if (fast != Fast.ADDED && !spliceVerified) {
                        fast = Fast.RETRY; // the scan was fooled (e.g. by a string): judge the whole file
                    }
                    if (fast == Fast.RETRY) {
                        builder.abort();
                    }
                }
                if (fast == Fast.RETRY) {
                    scannedCount = 0;
                    spliceAt = -1;
                    try {
                        fast = parse(data, length, key, range);
                    } catch (IOException | RuntimeException e) {
                        fast = Fast.NEEDS_CODEC;
                    }
                }
                if (fast == Fast.ADDED) {
                    loaded++;
                    return;
                }
                builder.abort();
                if (fast == Fast.OUT_OF_RANGE) {
                    return;
                }
                try {
                    add(json.decode(content(), Optional.of(key.channel())), key.key(), range);
                    return;
                } catch (SnapshotFormatException e) {
                    if (candidate.csvTwin().isEmpty()) {
                        skipped.add(new SkippedInput(key.key(), e.getMessage()));
                        return;
                    }
                    SnapshotKey twin = candidate.csvTwin().get();
                    skipped.add(new SkippedInput(key.key(), e.getMessage() + "; read its CSV twin " + twin.key()
                            + " instead"));
                    read(new Candidate(twin, Optional.empty()), range);
                    return;
                }
            }
            ChatterCsvCodec.Result r = csv.decode(content(), key);
            skipped.addAll(r.problems());
            r.snapshot().ifPresent(s -> add(s, key.key(), range));
        }

        private void add(PresenceSnapshot s, String location, TimeRange range) {
            if (!range.contains(s.timestamp())) {
                return;
            }
            builder.begin(s.channel(), s.timestamp().getEpochSecond(), s.stream().viewerCount(),
                    s.stream().gameName(), s.stream().language(), s.stream().title(), location);
            for (String login : s.chatters(policy)) {
                builder.viewer(login);
            }
            builder.end();
            loaded++;
        }

        /**
         * The byte-level fast path for the regular layout: finds the first {@code "chatters"}
         * followed by an array of plain ASCII logins (no escapes, no blanks, no upper case),
         * records the logins' byte ranges and writes the file with that array replaced by
         * {@code []} to {@code spliceBuffer}, for Jackson to validate everything else, returning
         * its length; -1 when the file is not regular in this sense (then the whole file goes
         * through Jackson). The parse of the
         * spliced bytes must confirm that the array it sees for {@code chatters} starts exactly
         * where the scan found it ({@code spliceVerified}); otherwise the result is discarded.
         */
        private int splice(byte[] c, int length) {
            scannedCount = 0;
            spliceAt = -1;
            spliceVerified = false;
            int at = indexOf(c, length, CHATTERS_FIELD);
            if (at < 0) {
                return -1;
            }
            int i = skipWs(c, length, at + CHATTERS_FIELD.length);
            if (i >= length || c[i] != ':') {
                return -1;
            }
            i = skipWs(c, length, i + 1);
            if (i >= length || c[i] != '[') {
                return -1;
            }
            int open = i;
            i = skipWs(c, length, i + 1);
            if (i < length && c[i] != ']') {
                while (true) {
                    if (i >= length || c[i] != '"') {
                        return -1;
                    }
                    int start = ++i;
                    while (i < length && LOGIN_BYTE[c[i] & 0xff] == PLAIN) {
                        i++;
                    }
                    if (i >= length || c[i] != '"') {
                        return -1; // blanks, escapes, upper case or non-ASCII: Jackson and the codec judge
                    }
                    if (i > start) { // the codec drops blank logins
                        if (scannedCount == scannedOffsets.length) {
                            scannedOffsets = Arrays.copyOf(scannedOffsets, scannedCount * 2);
                            scannedLengths = Arrays.copyOf(scannedLengths, scannedCount * 2);
                        }
                        scannedOffsets[scannedCount] = start;
                        scannedLengths[scannedCount++] = i - start;
                    }
                    i = skipWs(c, length, i + 1);
                    if (i < length && c[i] == ',') {
                        i = skipWs(c, length, i + 1);
                    } else if (i < length && c[i] == ']') {
                        break;
                    } else {
                        return -1;
                    }
                }
            }
            int close = i; // c[close] == ']'
            int out = length - (close - open) + 1;
            if (spliceBuffer.length < out) {
                spliceBuffer = new byte[Math.max(out, spliceBuffer.length * 2)];
            }
            System.arraycopy(c, 0, spliceBuffer, 0, open + 1);
            System.arraycopy(c, close, spliceBuffer, open + 1, length - close);
            scannedSource = c;
            spliceAt = open;
            return out;
        }

        private static int skipWs(byte[] c, int length, int i) {
            while (i < length && (c[i] == ' ' || c[i] == '\n' || c[i] == '\r' || c[i] == '\t')) {
                i++;
            }
            return i;
        }

        private static int indexOf(byte[] c, int length, byte[] pattern) {
            byte first = pattern[0];
            outer:
            for (int i = 0, last = length - pattern.length; i <= last; i++) {
                if (c[i] != first) {
                    continue;
                }
                for (int k = 1; k < pattern.length; k++) {
                    if (c[i + k] != pattern[k]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        /**
         * Parses a snapshot straight into the builder. Returns {@link Fast#NEEDS_CODEC} for anything
         * the codec must judge (it then rejects or normalises the file); never skips a file itself.
         */
        private Fast parse(byte[] content, int length, SnapshotKey key, TimeRange range) throws IOException {
            if (length == 0) {
                return Fast.NEEDS_CODEC;
            }
            try (JsonParser p = FACTORY.createParser(content, 0, length)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return Fast.NEEDS_CODEC;
                }
                builder.beginUnknown(key.key());
                evidence.clear();
                String channel = null;
                boolean channelSeen = false;
                String timestamp = null;
                long viewers = 0;
                String game = "";
                String language = "";
                String title = "";
                boolean chattersSeen = false;
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    switch (name) {
                        case "channel" -> {
                            if (v != JsonToken.VALUE_STRING) {
                                return Fast.NEEDS_CODEC;
                            }
                            channelSeen = true;
                            channel = p.getText();
                        }
                        case "timestamp" -> {
                            if (v != JsonToken.VALUE_STRING) {
                                return Fast.NEEDS_CODEC;
                            }
                            timestamp = p.getText();
                        }
                        case "viewer_count" -> {
                            if (v == JsonToken.VALUE_NUMBER_INT) {
                                viewers = p.getLongValue();
                                if (viewers < 0) {
                                    return Fast.NEEDS_CODEC;
                                }
                            } else if (v == JsonToken.VALUE_NULL
                                    || (v == JsonToken.VALUE_STRING && LakeTimes.isPlaceholder(p.getText()))) {
                                viewers = 0;
                            } else {
                                return Fast.NEEDS_CODEC;
                            }
                        }
                        case "game_name", "language", "title" -> {
                            String text;
                            if (v == JsonToken.VALUE_STRING) {
                                text = p.getText();
                            } else if (v == JsonToken.VALUE_NULL) {
                                text = "";
                            } else {
                                return Fast.NEEDS_CODEC;
                            }
                            switch (name) {
                                case "game_name" -> game = text;
                                case "language" -> language = text;
                                default -> title = text;
                            }
                        }
                        case "started_at" -> {
                            if (v == JsonToken.VALUE_STRING) {
                                String s = p.getText();
                                if (!LakeTimes.isPlaceholder(s) && LakeTimes.parse(s).isEmpty()) {
                                    return Fast.NEEDS_CODEC;
                                }
                            } else if (v != JsonToken.VALUE_NULL) {
                                return Fast.NEEDS_CODEC;
                            }
                        }
                        case "chatters" -> {
                            if (spliceAt >= 0) {
                                if (v != JsonToken.START_ARRAY || chattersSeen
                                        || p.currentTokenLocation().getByteOffset() != spliceAt
                                        || p.nextToken() != JsonToken.END_ARRAY) {
                                    return Fast.RETRY;
                                }
                                spliceVerified = true;
                                builder.viewers(scannedSource, scannedOffsets, scannedLengths, scannedCount);
                            } else if (v != JsonToken.START_ARRAY || !logins(p, (byte) 0)) {
                                return Fast.NEEDS_CODEC;
                            }
                            chattersSeen = true;
                        }
                        case "source" -> {
                            if (v == JsonToken.VALUE_STRING) {
                                try {
                                    PresenceSourceKind.fromWireName(p.getText());
                                } catch (IllegalArgumentException e) {
                                    return Fast.NEEDS_CODEC;
                                }
                            } else if (v != JsonToken.VALUE_NULL) {
                                return Fast.NEEDS_CODEC;
                            }
                        }
                        case "window_s" -> {
                            if (v != JsonToken.VALUE_NULL && (v != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0)) {
                                return Fast.NEEDS_CODEC;
                            }
                        }
                        case "schema_version" -> {
                            if (v != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 1
                                    || p.getLongValue() > SnapshotJsonCodec.SCHEMA_VERSION) {
                                return Fast.NEEDS_CODEC;
                            }
                        }
                        case "evidence" -> {
                            if (v == JsonToken.START_OBJECT) {
                                while (p.nextToken() == JsonToken.FIELD_NAME) {
                                    byte kind = switch (p.currentName()) {
                                        case "message" -> 1;
                                        case "join" -> 2;
                                        case "names" -> 4;
                                        default -> 0;
                                    };
                                    if (kind == 0 || p.nextToken() != JsonToken.START_ARRAY || !logins(p, kind)) {
                                        return Fast.NEEDS_CODEC;
                                    }
                                }
                            } else if (v != JsonToken.VALUE_NULL) {
                                return Fast.NEEDS_CODEC;
                            }
                        }
                        case "channel_id", "content_id" -> {
                            if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
                                return Fast.NEEDS_CODEC;
                            }
                        }
                        default -> p.skipChildren();
                    }
                }
                if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                    return Fast.NEEDS_CODEC;
                }
                if (channelSeen) {
                    if (channel == null || channel.isBlank()
                            || !channel.strip().toLowerCase(Locale.ROOT).equals(key.channel())) {
                        return Fast.NEEDS_CODEC;
                    }
                }
                if (timestamp == null || !chattersSeen) {
                    return Fast.NEEDS_CODEC;
                }
                Optional<Instant> time = LakeTimes.parse(timestamp);
                if (time.isEmpty()) {
                    return Fast.NEEDS_CODEC;
                }
                if (!range.contains(time.get())) {
                    return Fast.OUT_OF_RANGE;
                }
                applyEvidence();
                builder.end(key.channel(), time.get().getEpochSecond(), viewers, game, language, title);
                return Fast.ADDED;
            }
        }

        /**
         * Interns an array of logins: as chatters ({@code kind == 0}, added to the snapshot) or as
         * evidence of {@code kind}. False when a login needs the codec's normalisation.
         */
        private boolean logins(JsonParser p, byte kind) throws IOException {
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.VALUE_STRING) {
                    return false;
                }
                char[] buf = p.getTextCharacters();
                int off = p.getTextOffset();
                int len = p.getTextLength();
                if (len == 0) {
                    continue; // the codec drops blank logins
                }
                for (int i = off, end = off + len; i < end; i++) {
                    char c = buf[i];
                    if (c > 0x7e || c <= ' ' || (c >= 'A' && c <= 'Z')) {
                        return false; // upper case, blanks or non-ASCII: let the codec normalise
                    }
                }
                if (kind == 0) {
                    builder.viewer(buf, off, len);
                } else {
                    evidence.merge(builder.key(buf, off, len), (int) kind, (a, b) -> a | b);
                }
            }
            return true;
        }

        /**
         * Evidence logins are chatters too; under {@link PresencePolicy#STRICT} those whose
         * evidence has no message are not present (as {@link PresenceSnapshot#chatters(PresencePolicy)}).
         */
        private void applyEvidence() {
            if (evidence.isEmpty()) {
                return;
            }
            Set<ViewerKeys.Key> drop = new HashSet<>();
            for (Map.Entry<ViewerKeys.Key, Integer> e : evidence.entrySet()) {
                if (policy == PresencePolicy.STRICT && (e.getValue() & 1) == 0) {
                    drop.add(e.getKey());
                } else {
                    builder.viewer(e.getKey());
                }
            }
            builder.removeFromCurrent(drop);
        }
    }

    /** Options of a {@link LakeAudienceLoader}. */
    public static final class Builder {
        private final ObjectStore store;
        private Optional<Path> localRoot = Optional.empty();
        private int threads = Parallel.defaultThreads();
        private PresencePolicy policy = PresencePolicy.INCLUSIVE;
        private Duration keyTimeSlack = Duration.ofHours(1);
        private LongConsumer progress = n -> { };
        private boolean liveSnapshots = true;
        private final List<PresenceSource> extraSources = new ArrayList<>();

        private Builder(ObjectStore store) {
            this.store = Objects.requireNonNull(store, "store");
            if (store instanceof FileSystemObjectStore fs) {
                this.localRoot = Optional.of(fs.root());
            }
        }

        /**
         * Reads object bytes straight from files under {@code root} (the directory a file-system
         * store keeps its objects in) instead of through the store, skipping its per-read version
         * hash. The default for a {@link FileSystemObjectStore} is its root.
         */
        public Builder localRoot(Path root) {
            this.localRoot = Optional.of(root);
            return this;
        }

        /** Parser threads (default: available processors), 1..64. */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 64) {
                throw new IllegalArgumentException("threads must be between 1 and 64, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Which evidence counts as presence (default inclusive). */
        public Builder policy(PresencePolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** How far after a range's end a key's time may lie (default 1 hour, as {@link LakeSnapshotStore}). */
        public Builder keyTimeSlack(Duration slack) {
            this.keyTimeSlack = Objects.requireNonNull(slack, "slack");
            return this;
        }

        /** Called now and then (from any loading thread) with the number of files read so far. */
        public Builder progress(LongConsumer progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** Whether to read the raw live snapshots ({@code raw/snapshots}, CSV twins); default true. */
        public Builder liveSnapshots(boolean read) {
            this.liveSnapshots = read;
            return this;
        }

        /**
         * Adds the snapshots of another source (e.g. curated VOD buckets) to the same table, read
         * after the live snapshots with the same range and policy.
         */
        public Builder alsoFrom(PresenceSource source) {
            extraSources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /** Builds the loader. */
        public LakeAudienceLoader build() {
            return new LakeAudienceLoader(this);
        }
    }
}
