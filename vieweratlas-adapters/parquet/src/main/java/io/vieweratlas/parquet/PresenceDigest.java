package io.vieweratlas.parquet;

import java.nio.charset.StandardCharsets;

/**
 * An order-independent fingerprint of compacted rows: the row count, the snapshot count and the sum
 * of a 64-bit hash of every row (file, channel, time, metadata, viewer, evidence). The raw day and
 * the file read back must give the same three numbers before a day is recorded as compacted, so a
 * lost, added or altered membership (or metadata) stops the compaction. Not thread-safe.
 */
final class PresenceDigest {

    private long rows;
    private long snapshots;
    private long sum;

    /** Adds one snapshot's rows. */
    void add(PresenceParquetCodec.StoredSnapshot s) {
        long head = mix(0x9e3779b97f4a7c15L, s.objectKey());
        head = mix(head, s.channel());
        head = mix(head, s.time().getEpochSecond());
        head = mix(head, s.time().getNano());
        head = mix(head, s.source());
        head = mix(head, s.viewerCount());
        head = mix(head, s.game());
        head = mix(head, s.language());
        head = mix(head, s.title());
        if (s.viewers().isEmpty()) {
            sum += finish(mix(head, "\u0000none"));
            rows++;
        } else {
            for (int i = 0; i < s.viewers().size(); i++) {
                sum += finish(mix(mix(head, s.viewers().get(i)), s.evidence()[i]));
                rows++;
            }
        }
        snapshots++;
    }

    /** Adds another digest's rows. */
    void add(PresenceDigest other) {
        rows += other.rows;
        snapshots += other.snapshots;
        sum += other.sum;
    }

    long rows() {
        return rows;
    }

    long snapshots() {
        return snapshots;
    }

    /** The three numbers as text, for the manifest and messages. */
    String text() {
        return rows + " rows, " + snapshots + " snapshots, hash " + Long.toHexString(sum);
    }

    boolean matches(PresenceDigest other) {
        return rows == other.rows && snapshots == other.snapshots && sum == other.sum;
    }

    private static long mix(long h, String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix(h, s.length());
    }

    private static long mix(long h, long v) {
        return (h ^ v) * 0xff51afd7ed558ccdL + 0x2545f4914f6cdd1dL;
    }

    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
