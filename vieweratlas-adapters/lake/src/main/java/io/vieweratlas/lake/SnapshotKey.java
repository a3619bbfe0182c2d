package io.vieweratlas.lake;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What a snapshot's key says about it, without reading the object: the channel and the UTC
 * second in its file name.
 *
 * <p>For the original project's files the key time is taken a little after the snapshot's
 * {@code timestamp} (it called the clock again when naming the file), so it is never earlier.
 *
 * @param key     the object key
 * @param channel channel login from the file name, lower case
 * @param time    the {@code YYYYmmdd_HHMMSS} of the file name, as UTC
 * @param format  whether the key names snapshot JSON or a chatter-log CSV
 */
public record SnapshotKey(String key, String channel, Instant time, Format format) {

    /** The two kinds of raw snapshot files. */
    public enum Format {
        /** {@code raw/snapshots/.../<channel>_<YYYYmmdd_HHMMSS>.json} */
        JSON,
        /** {@code raw/chatter_logs/.../<channel>_<YYYYmmdd_HHMMSS>.csv}, the original's CSV twin */
        CSV
    }

    public SnapshotKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(format, "format");
    }

    /**
     * The key of the same snapshot in the other format: the CSV twin of a JSON key and vice versa
     * (the original wrote both with the same day folder and file stem).
     */
    public String twinKey() {
        return format == Format.JSON
                ? LakeLayout.CHATTER_LOGS + stem() + ".csv"
                : LakeLayout.SNAPSHOTS + stem() + ".json";
    }

    /**
     * The part after the format's base prefix, without the extension, e.g.
     * {@code 2024/01/15/xqc_20240115_143000}. A JSON key and its CSV twin have the same stem, and
     * stems sort in the same order as the keys they come from, so two sorted listings can be
     * joined in one pass.
     */
    public String stem() {
        String base = format == Format.JSON ? LakeLayout.SNAPSHOTS : LakeLayout.CHATTER_LOGS;
        return key.substring(base.length(), key.lastIndexOf('.'));
    }

    /**
     * The UTC day of the folder the key lies in ({@code YYYY/MM/DD} after the format's prefix): the
     * day a compaction of that folder covers. It is the key time's day or, for some of the
     * original's files, the day after (see {@link LakeLayout#parseSnapshotKey}).
     */
    public LocalDate folderDay() {
        String s = stem();
        return LocalDate.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 5, 7, 10),
                Integer.parseInt(s, 8, 10, 10));
    }
}
