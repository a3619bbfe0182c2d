package io.vieweratlas.runners.vod;

import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.lake.LakeLayout;
import io.vieweratlas.parquet.ChatLine;
import io.vieweratlas.parquet.VodBucket;
import io.vieweratlas.parquet.VodBucketer;
import io.vieweratlas.parquet.VodPresenceStore;
import io.vieweratlas.twitch.vod.ChatComment;
import io.vieweratlas.twitch.vod.TwitchDownloaderJson;
import io.vieweratlas.twitch.vod.VodChat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns one VOD's chat into lake objects: optionally the raw replay at
 * {@code raw/vod_chat/channel=<login>/vod_id=<id>/chat.json} (TwitchDownloader layout), and the
 * presence buckets as Parquet at the curated key.
 */
public final class VodIngest {
    private final ObjectStore store;
    private final VodPresenceStore curated;
    private final int bucketLenS;

    /**
     * @param store      the lake's object store
     * @param bucketLenS bucket length in seconds ({@code vod.bucket_len_s})
     */
    public VodIngest(ObjectStore store, int bucketLenS) {
        this.store = Objects.requireNonNull(store, "store");
        this.curated = new VodPresenceStore(store);
        if (bucketLenS <= 0) {
            throw new IllegalArgumentException("vod.bucket_len_s must be positive, was " + bucketLenS);
        }
        this.bucketLenS = bucketLenS;
    }

    /**
     * What one ingest wrote.
     *
     * @param curatedKey the Parquet key, empty when the chat had no messages (nothing to write)
     * @param rawKey     the raw replay key, when stored
     * @param comments   comments bucketed
     * @param buckets    buckets written
     */
    public record Result(Optional<String> curatedKey, Optional<String> rawKey, long comments, long buckets) {
    }

    /**
     * Stores {@code chat}.
     *
     * @param source   {@link PresenceSourceKind#VOD} for fetched replays, {@link PresenceSourceKind#IMPORT} for imports
     * @param storeRaw whether to keep the raw replay too
     */
    public Result ingest(VodChat chat, PresenceSourceKind source, boolean storeRaw) {
        Optional<String> rawKey = Optional.empty();
        if (storeRaw) {
            String key = LakeLayout.vodChatKey(chat.channelLogin(), chat.vodId());
            store.put(key, TwitchDownloaderJson.write(chat));
            rawKey = Optional.of(key);
        }
        List<ChatLine> lines = new ArrayList<>(chat.replay().comments().size());
        for (ChatComment c : chat.replay().comments()) {
            lines.add(new ChatLine(c.offsetSeconds(), c.commenterLogin()));
        }
        List<VodBucket> buckets = new VodBucketer(source, chat.channelLogin(), chat.channelId(), chat.vodId(),
                chat.createdAt(), bucketLenS).bucket(lines);
        Optional<String> curatedKey = buckets.isEmpty() ? Optional.empty() : Optional.of(curated.write(buckets));
        return new Result(curatedKey, rawKey, lines.size(), buckets.size());
    }
}
