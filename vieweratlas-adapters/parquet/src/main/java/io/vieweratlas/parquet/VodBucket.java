package io.vieweratlas.parquet;

import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One presence bucket of a VOD: who chatted during {@code [offsetS, offsetS + bucketLenS)} of the
 * video. One row of the curated Parquet file.
 *
 * @param platform     {@code twitch}
 * @param source       {@link PresenceSourceKind#VOD} for fetched replays, {@link PresenceSourceKind#IMPORT} for imports
 * @param channelLogin the channel's login, lower case
 * @param channelId    the channel's user id, empty when unknown (the original's files have none)
 * @param contentId    {@code vod:<id>}
 * @param bucketStart  wall-clock start of the bucket (VOD creation time plus the offset)
 * @param offsetS      seconds from the start of the VOD, a multiple of {@code bucketLenS}
 * @param bucketLenS   bucket length in seconds, positive
 * @param chatters     distinct chatter logins, sorted
 */
public record VodBucket(String platform, PresenceSourceKind source, String channelLogin, String channelId,
                        String contentId, Instant bucketStart, long offsetS, int bucketLenS,
                        SortedSet<String> chatters) {
    public VodBucket {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(channelLogin, "channelLogin");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(bucketStart, "bucketStart");
        if (bucketLenS <= 0) {
            throw new IllegalArgumentException("bucket_len_s must be positive, was " + bucketLenS);
        }
        if (offsetS < 0) {
            throw new IllegalArgumentException("offset_s must not be negative, was " + offsetS);
        }
        chatters = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(chatters, "chatters")));
    }

    /**
     * This bucket as a presence snapshot: timestamp at the bucket's end, window of the bucket
     * length, the channel id and content id set.
     */
    public PresenceSnapshot toSnapshot() {
        PresenceSnapshot.Builder b = PresenceSnapshot.builder(channelLogin, bucketStart.plusSeconds(bucketLenS))
                .window(Duration.ofSeconds(bucketLenS)).source(source).chatters(chatters).contentId(contentId);
        if (!channelId.isEmpty()) {
            b.channelId(channelId);
        }
        return b.build();
    }
}
