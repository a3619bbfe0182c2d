package io.vieweratlas.runners.vod;

import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.privacy.Pseudonymizer;
import io.vieweratlas.lake.LakeLayout;
import io.vieweratlas.parquet.ChatLine;
import io.vieweratlas.parquet.VodBucketAccumulator;
import io.vieweratlas.parquet.VodBucketer;
import io.vieweratlas.parquet.VodPresenceStore;
import io.vieweratlas.twitch.vod.ChatComment;
import io.vieweratlas.twitch.vod.VodChat;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns one VOD's chat into lake objects: optionally the raw replay at
 * {@code raw/vod_chat/channel=<login>/vod_id=<id>/chat.json} (TwitchDownloader layout; a long
 * replay in parts next to it, see {@link RawChatWriter}), and the presence buckets as Parquet at
 * the curated key. A fetched replay is taken page by page ({@link #open}), so memory stays bounded
 * by the distinct chatters per bucket and one raw part, not by the replay's length.
 */
public final class VodIngest {
    private final ObjectStore store;
    private final VodPresenceStore curated;
    private final int bucketLenS;
    private final Pseudonymizer pseudonymizer;
    private final int rawPartBytes;

    /**
     * @param store      the lake's object store
     * @param bucketLenS bucket length in seconds ({@code vod.bucket_len_s})
     */
    public VodIngest(ObjectStore store, int bucketLenS) {
        this(store, bucketLenS, Pseudonymizer.none());
    }

    /**
     * @param store         the lake's object store
     * @param bucketLenS    bucket length in seconds ({@code vod.bucket_len_s})
     * @param pseudonymizer replaces commenter logins before buckets are written; when enabled, raw
     *                      replays (which hold logins, names and messages) are never stored
     */
    public VodIngest(ObjectStore store, int bucketLenS, Pseudonymizer pseudonymizer) {
        this(store, bucketLenS, pseudonymizer, RawChatWriter.DEFAULT_PART_BYTES);
    }

    private VodIngest(ObjectStore store, int bucketLenS, Pseudonymizer pseudonymizer, int rawPartBytes) {
        this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
        this.store = Objects.requireNonNull(store, "store");
        this.curated = new VodPresenceStore(store);
        if (bucketLenS <= 0) {
            throw new IllegalArgumentException("vod.bucket_len_s must be positive, was " + bucketLenS);
        }
        if (rawPartBytes < 1024) {
            throw new IllegalArgumentException("raw chat part size must be at least 1024 bytes, was " + rawPartBytes);
        }
        this.bucketLenS = bucketLenS;
        this.rawPartBytes = rawPartBytes;
    }

    /** The same ingest with raw chat parts of at most about {@code bytes} each (default 8 MiB). */
    public VodIngest withRawPartBytes(int bytes) {
        return new VodIngest(store, bucketLenS, pseudonymizer, bytes);
    }

    /**
     * What one ingest wrote.
     *
     * @param curatedKey the Parquet key, empty when the chat had no messages (nothing to write)
     * @param rawKey     the raw replay key ({@code chat.json}), when stored
     * @param comments   comments bucketed
     * @param buckets    buckets written
     */
    public record Result(Optional<String> curatedKey, Optional<String> rawKey, long comments, long buckets) {
    }

    /**
     * Stores {@code chat} whole (imports, small replays).
     *
     * @param source   {@link PresenceSourceKind#VOD} for fetched replays, {@link PresenceSourceKind#IMPORT} for imports
     * @param storeRaw whether to keep the raw replay too
     */
    public Result ingest(VodChat chat, PresenceSourceKind source, boolean storeRaw) {
        Session s = open(chat.channelLogin(), chat.channelId(), chat.vodId(), chat.createdAt(), chat.title(), source,
                storeRaw);
        try {
            s.accept(chat.replay().comments());
            return s.finish();
        } catch (RuntimeException e) {
            s.abort();
            throw e;
        }
    }

    /**
     * Starts storing one VOD's chat page by page: raw chat written out in bounded parts, buckets
     * built as lines arrive. End with {@link Session#finish} or, when the fetch failed or was
     * stopped, {@link Session#abort}, which removes what was written.
     */
    public Session open(String channelLogin, String channelId, String vodId, Instant createdAt, String title,
                        PresenceSourceKind source, boolean storeRaw) {
        VodBucketer shape = new VodBucketer(source, channelLogin, channelId, vodId, createdAt, bucketLenS);
        RawChatWriter raw = storeRaw && !pseudonymizer.enabled()
                ? new RawChatWriter(store, channelLogin, channelId, vodId, createdAt, title, rawPartBytes) : null;
        return new Session(new VodBucketAccumulator(shape), raw);
    }

    /** One VOD's chat being stored; not thread-safe. */
    public final class Session {
        private final VodBucketAccumulator buckets;
        private final RawChatWriter raw;
        private boolean done;

        private Session(VodBucketAccumulator buckets, RawChatWriter raw) {
            this.buckets = buckets;
            this.raw = raw;
        }

        /** Takes one page of comments. */
        public void accept(List<ChatComment> comments) {
            if (done) {
                throw new IllegalStateException("session already finished or aborted");
            }
            for (ChatComment c : comments) {
                if (raw != null) {
                    raw.add(c);
                }
                buckets.add(new ChatLine(c.offsetSeconds(), pseudonymizer.pseudonym(c.commenterLogin())));
            }
        }

        /** Writes the buckets and commits the raw chat ({@code chat.json} last). */
        public Result finish() {
            if (done) {
                throw new IllegalStateException("session already finished or aborted");
            }
            Optional<String> curatedKey = buckets.bucketCount() == 0 ? Optional.empty()
                    : Optional.of(curated.write(buckets));
            Optional<String> rawKey = raw == null ? Optional.empty() : Optional.of(raw.finish());
            done = true;
            return new Result(curatedKey, rawKey, buckets.lines(), buckets.bucketCount());
        }

        /** Removes the raw parts written so far; nothing else was written yet. */
        public void abort() {
            if (!done && raw != null) {
                raw.abort();
            }
            done = true;
        }
    }
}
