package io.vieweratlas.lake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.vieweratlas.core.analysis.aggregate.PresenceTableBuilder;
import io.vieweratlas.core.analysis.viewer.ViewerKeys;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.TimeRange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fast parser of snapshot JSON: parses a file straight into a {@link PresenceTableBuilder},
 * each login reduced to its {@link ViewerKeys key} where it lies, without a {@code String} per
 * occurrence. The {@code chatters} array of a regular file is scanned from its bytes; Jackson's
 * streaming parser validates the rest of the file (and all of an irregular one).
 *
 * <p>It accepts only files whose meaning is unambiguous (well-formed, the expected types, lower-case
 * logins without surrounding blanks) and then adds exactly the row {@link SnapshotJsonCodec} would
 * decode; anything else it declines, leaving the builder as it was, for the codec to reject (with its
 * reason) or normalise. The codec is its reference: tests parse a corpus of regular, irregular and
 * malformed files both ways and require the same rows and the same skip reasons. One instance per
 * thread (it holds that thread's buffers and builder).
 */
final class FastSnapshotParser {

    /** What became of one file. */
    enum Outcome {
        /** Parsed and added to the builder. */
        ADDED,
        /** Parsed; its timestamp lies outside the range, nothing added. */
        OUT_OF_RANGE,
        /** Not parsed: the codec must judge the file. Nothing added. */
        DECLINED
    }

    /** The steps of a parse: {@link #RETRY} means the byte scan was not confirmed, parse the whole file. */
    private enum Fast { ADDED, OUT_OF_RANGE, NEEDS_CODEC, RETRY }

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

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

    private static final byte[] CHATTERS_FIELD = "\"chatters\"".getBytes(StandardCharsets.US_ASCII);

    private final PresenceTableBuilder builder;
    private final PresencePolicy policy;
    // evidence of the current file: the kinds per login, in the order the file names them
    private final Map<ViewerKeys.Key, Integer> evidence = new LinkedHashMap<>();
    // the chatters array found by the byte scan: login ranges of the file's bytes
    private byte[] scannedSource;
    private int[] scannedOffsets = new int[1024];
    private int[] scannedLengths = new int[1024];
    private int scannedCount;
    private int spliceAt = -1;
    private boolean spliceVerified;
    private byte[] spliceBuffer = new byte[4 * 1024];

    /** A parser adding the snapshots it accepts to {@code builder}, presence counted by {@code policy}. */
    FastSnapshotParser(PresenceTableBuilder builder, PresencePolicy policy) {
        this.builder = Objects.requireNonNull(builder, "builder");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Parses the snapshot JSON in {@code data[0, length)}, read from {@code key}, and adds it to the
     * builder when its timestamp lies in {@code range}. Never throws for bad content: a file it cannot
     * vouch for is {@link Outcome#DECLINED}.
     */
    Outcome parse(byte[] data, int length, SnapshotKey key, TimeRange range) {
        Fast fast = Fast.RETRY;
        int spliced = splice(data, length);
        if (spliced >= 0) {
            try {
                fast = parseTokens(spliceBuffer, spliced, key, range);
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
                fast = parseTokens(data, length, key, range);
            } catch (IOException | RuntimeException e) {
                fast = Fast.NEEDS_CODEC;
            }
        }
        if (fast == Fast.ADDED) {
            return Outcome.ADDED;
        }
        builder.abort();
        return fast == Fast.OUT_OF_RANGE ? Outcome.OUT_OF_RANGE : Outcome.DECLINED;
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
     * Parses {@code content[0, length)} with Jackson straight into the builder. Returns
     * {@link Fast#NEEDS_CODEC} for anything the codec must judge, {@link Fast#RETRY} when the spliced
     * bytes do not confirm the byte scan.
     */
    private Fast parseTokens(byte[] content, int length, SnapshotKey key, TimeRange range) throws IOException {
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
     * Evidence logins are chatters too (the codec takes the union of {@code chatters} and the
     * evidence lists), each once; under {@link PresencePolicy#STRICT} those whose evidence has no
     * message are not present (as {@link PresenceSnapshot#chatters(PresencePolicy)}). The writer
     * lists every evidence login among the chatters as well, so the chatters' copies are removed
     * first and the evidence logins that count added once.
     */
    private void applyEvidence() {
        if (evidence.isEmpty()) {
            return;
        }
        builder.removeFromCurrent(evidence.keySet());
        for (Map.Entry<ViewerKeys.Key, Integer> e : evidence.entrySet()) {
            if (policy != PresencePolicy.STRICT || (e.getValue() & 1) != 0) {
                builder.viewer(e.getKey());
            }
        }
    }
}
