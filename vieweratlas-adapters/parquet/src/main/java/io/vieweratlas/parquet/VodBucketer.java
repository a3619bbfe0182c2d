package io.vieweratlas.parquet;

import io.vieweratlas.core.model.PresenceSourceKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a VOD's chat into presence buckets: a message at offset {@code t} puts its author in the
 * bucket starting at {@code floor(t / bucketLenS) * bucketLenS}. Buckets without messages are not
 * written (no evidence of anyone). Output is sorted by offset.
 *
 * @param source       {@link PresenceSourceKind#VOD} or {@link PresenceSourceKind#IMPORT}
 * @param channelLogin channel login, lower case
 * @param channelId    channel user id
 * @param vodId        video id (digits)
 * @param createdAt    when the VOD started; bucket timestamps are this plus the offset
 * @param bucketLenS   bucket length in seconds ({@code vod.bucket_len_s})
 */
public record VodBucketer(PresenceSourceKind source, String channelLogin, String channelId, String vodId,
                          Instant createdAt, int bucketLenS) {
    /** The platform written in every row. */
    public static final String PLATFORM = "twitch";

    public VodBucketer {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(channelLogin, "channelLogin");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(vodId, "vodId");
        Objects.requireNonNull(createdAt, "createdAt");
        if (bucketLenS <= 0) {
            throw new IllegalArgumentException("vod.bucket_len_s must be positive, was " + bucketLenS);
        }
        if (!vodId.matches("\\d+")) {
            throw new IllegalArgumentException("VOD id must be digits, was '" + vodId + "'");
        }
    }

    /** The content id of the rows: {@code vod:<id>}. */
    public String contentId() {
        return "vod:" + vodId;
    }

    /** The buckets of these chat lines. */
    public List<VodBucket> bucket(Iterable<ChatLine> lines) {
        TreeMap<Long, TreeSet<String>> byOffset = new TreeMap<>();
        for (ChatLine line : lines) {
            long start = ((long) Math.floor(line.offsetSeconds()) / bucketLenS) * bucketLenS;
            byOffset.computeIfAbsent(start, k -> new TreeSet<>()).add(line.login());
        }
        List<VodBucket> out = new ArrayList<>(byOffset.size());
        for (Map.Entry<Long, TreeSet<String>> e : byOffset.entrySet()) {
            out.add(new VodBucket(PLATFORM, source, channelLogin, channelId, contentId(),
                    createdAt.plusSeconds(e.getKey()), e.getKey(), bucketLenS, e.getValue()));
        }
        return out;
    }
}
