package io.vieweratlas.s3;

import io.vieweratlas.core.port.ObjectInfo;
import io.vieweratlas.core.port.ObjectKeys;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.ObjectVersion;
import io.vieweratlas.core.port.StoreException;
import io.vieweratlas.core.port.StoredObject;
import io.vieweratlas.core.port.WriteOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * {@link ObjectStore} on an S3 bucket (or an S3-compatible service) through the AWS SDK v2.
 *
 * <p>Store key {@code k} is S3 key {@code settings.prefix() + k}. Versions are S3 ETags (in their
 * quoted form), so equal versions mean equal bytes. Writes are atomic because S3 publishes an
 * object only once it is complete; objects of at least
 * {@link S3StoreSettings#multipartThreshold()} bytes go up as multipart uploads, aborted on failure
 * so no parts linger. {@link #putIfAbsent} sends {@code If-None-Match: *} and
 * {@link #compareAndSet} sends {@code If-Match: <etag>}; S3 evaluates them atomically. A failed
 * precondition (412, or 404 for {@code If-Match} on a missing key) becomes a
 * {@link WriteOutcome.Conflict} carrying the version found; a concurrent conditional write
 * (409 {@code ConditionalRequestConflict}) is retried a few times before it, too, is reported as
 * a conflict. Every other failure is a {@link StoreException} naming bucket, prefix, key and action.
 *
 * <p>Transient failures (throttling, 5xx, dropped connections) are retried by the SDK's adaptive
 * retry strategy. As on any HTTP store, a conditional write whose response was lost and which the
 * SDK then retried can come back as a conflict although the first attempt was applied: the
 * conflict's version is then this very write's (for objects below the multipart threshold, the
 * MD5 of the bytes written), which a caller can check before retrying its change.
 *
 * <p>Thread-safe: the SDK client is, and the store keeps no mutable state.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);

    /** How often a 409 ConditionalRequestConflict is retried before reporting a conflict. */
    private static final int CONDITIONAL_CONFLICT_ATTEMPTS = 5;

    private final S3Client client;
    private final S3StoreSettings settings;
    private final boolean ownsClient;

    /**
     * A store on {@code client}, which the caller keeps and closes.
     *
     * @param client   an S3 client, e.g. from {@link S3Clients#create(S3StoreSettings)}
     * @param settings bucket, prefix and upload settings
     */
    public S3ObjectStore(S3Client client, S3StoreSettings settings) {
        this(client, settings, false);
    }

    private S3ObjectStore(S3Client client, S3StoreSettings settings, boolean ownsClient) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ownsClient = ownsClient;
    }

    /**
     * A store with its own client, credentials from the default provider chain (the ECS task role
     * in production). {@link #close()} closes the client.
     */
    public static S3ObjectStore open(S3StoreSettings settings) {
        return new S3ObjectStore(S3Clients.create(settings), settings, true);
    }

    /** The settings this store was opened with. */
    public S3StoreSettings settings() {
        return settings;
    }

    /**
     * Checks at start-up, as a process with no deployed role: lists the prefix, then writes and
     * deletes a probe directly under {@link S3AccessRequirement#PROBE_ROOT}. Deployed roles use
     * {@link #verifyAccess(S3AccessRequirement)} with {@link S3AccessRequirement#forRole(String)}.
     *
     * @throws S3AccessException naming bucket, prefix, region, the action that failed and the permission it needs
     */
    public void verifyAccess() {
        verifyAccess(S3AccessRequirement.anyRole());
    }

    /**
     * Checks at start-up that the bucket exists in the configured region and that this process may
     * do what {@code requirement} says, and no more: list the prefix, and for a writing role write
     * and delete a probe in its own probe directory.
     *
     * @throws S3AccessException naming bucket, prefix, region, the action that failed and the permission it needs
     */
    public void verifyAccess(S3AccessRequirement requirement) {
        new S3AccessCheck(client, settings, Objects.requireNonNull(requirement, "requirement")).run();
    }

    @Override
    public Optional<StoredObject> get(String key) {
        ObjectKeys.requireValid(key);
        try {
            ResponseBytes<GetObjectResponse> bytes = client.getObjectAsBytes(b -> b.bucket(settings.bucket())
                    .key(s3Key(key)));
            // The response's array belongs to this call alone, so it can be handed out uncopied.
            return Optional.of(new StoredObject(key, bytes.asByteArrayUnsafe(), version(key, bytes.response().eTag())));
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !isNoSuchBucket(e)) {
                return Optional.empty();
            }
            throw failure("GetObject", key, e);
        } catch (SdkException e) {
            throw failure("GetObject", key, e);
        }
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        ObjectKeys.requireValid(key);
        try {
            HeadObjectResponse head = client.headObject(b -> b.bucket(settings.bucket()).key(s3Key(key)));
            return Optional.of(new ObjectInfo(key, head.contentLength(), orEpoch(head.lastModified()),
                    version(key, head.eTag())));
        } catch (S3Exception e) {
            // HEAD answers carry no body, so a missing bucket looks like a missing key here;
            // verifyAccess() at start-up is what tells the two apart.
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("HeadObject", key, e);
        } catch (SdkException e) {
            throw failure("HeadObject", key, e);
        }
    }

    @Override
    public ObjectVersion put(String key, byte[] content) {
        ObjectKeys.requireValid(key);
        Objects.requireNonNull(content, "content");
        try {
            return upload(key, content, Condition.NONE);
        } catch (SdkException e) {
            throw failure(content.length >= settings.multipartThreshold() ? "MultipartUpload" : "PutObject", key, e);
        }
    }

    @Override
    public WriteOutcome putIfAbsent(String key, byte[] content) {
        ObjectKeys.requireValid(key);
        Objects.requireNonNull(content, "content");
        return conditionalWrite(key, content, Condition.absent());
    }

    @Override
    public WriteOutcome compareAndSet(String key, byte[] content, ObjectVersion expected) {
        ObjectKeys.requireValid(key);
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(expected, "expected");
        return conditionalWrite(key, content, Condition.matching(expected));
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        ObjectKeys.requireValidPrefix(prefix);
        String fullPrefix = settings.prefix() + prefix;
        ListObjectsV2Request request = ListObjectsV2Request.builder()
                .bucket(settings.bucket())
                .prefix(fullPrefix)
                .build();
        // The paginator fetches pages of up to 1,000 keys as the stream is consumed. S3 returns
        // keys in UTF-8 byte order, which is the port's ascending (code point) order.
        Iterator<ObjectInfo> infos = new Iterator<>() {
            // Created on first use: creating it already fetches the first page.
            private Iterator<S3Object> pages;

            @Override
            public boolean hasNext() {
                try {
                    if (pages == null) {
                        pages = client.listObjectsV2Paginator(request).contents().iterator();
                    }
                    return pages.hasNext();
                } catch (SdkException e) {
                    throw failure("ListObjectsV2", prefix, e);
                }
            }

            @Override
            public ObjectInfo next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("listing of '" + prefix + "' on " + describe() + " is exhausted");
                }
                S3Object object;
                try {
                    object = pages.next();
                } catch (SdkException e) {
                    throw failure("ListObjectsV2", prefix, e);
                }
                String key = object.key().substring(settings.prefix().length());
                return new ObjectInfo(key, object.size(), orEpoch(object.lastModified()), version(key, object.eTag()));
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(infos,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT), false);
    }

    @Override
    public boolean delete(String key) {
        ObjectKeys.requireValid(key);
        // S3's DeleteObject answers 204 whether or not the key existed, so look first. A racing
        // writer can make the answer stale, as with any delete that reports existence.
        if (stat(key).isEmpty()) {
            return false;
        }
        try {
            client.deleteObject(b -> b.bucket(settings.bucket()).key(s3Key(key)));
            return true;
        } catch (SdkException e) {
            throw failure("DeleteObject", key, e);
        }
    }

    @Override
    public String describe() {
        return settings.location();
    }

    /** Closes the S3 client if this store opened it ({@link #open}); otherwise does nothing. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    private WriteOutcome conditionalWrite(String key, byte[] content, Condition condition) {
        String action = content.length >= settings.multipartThreshold() ? "MultipartUpload" : "PutObject";
        for (int attempt = 1; ; attempt++) {
            try {
                return new WriteOutcome.Written(upload(key, content, condition));
            } catch (S3Exception e) {
                int status = e.statusCode();
                if (status == 412 || (status == 404 && condition.ifMatch() != null && !isNoSuchBucket(e))) {
                    // The precondition did not hold: report what is there now (nothing, for a
                    // missing key or one deleted since).
                    return new WriteOutcome.Conflict(stat(key).map(ObjectInfo::version));
                }
                if (status == 409 && attempt < CONDITIONAL_CONFLICT_ATTEMPTS) {
                    // ConditionalRequestConflict: another conditional write to this key was in
                    // flight. S3 asks to retry; the retry then succeeds or fails its precondition.
                    LOG.debug("{} of '{}' on {} met a concurrent conditional write, retrying (attempt {})",
                            action, key, describe(), attempt);
                    pause(attempt, key);
                    continue;
                }
                if (status == 409) {
                    return new WriteOutcome.Conflict(stat(key).map(ObjectInfo::version));
                }
                throw failure(action + " (" + condition.describe() + ")", key, e);
            } catch (SdkException e) {
                throw failure(action + " (" + condition.describe() + ")", key, e);
            }
        }
    }

    private ObjectVersion upload(String key, byte[] content, Condition condition) {
        if (content.length >= settings.multipartThreshold()) {
            return multipartUpload(key, content, condition);
        }
        String eTag = client.putObject(b -> b.bucket(settings.bucket()).key(s3Key(key))
                        .contentLength((long) content.length)
                        .ifNoneMatch(condition.ifNoneMatch())
                        .ifMatch(condition.ifMatch()),
                RequestBody.fromBytes(content)).eTag();
        return version(key, eTag);
    }

    /**
     * Uploads in parts of {@link S3StoreSettings#partSize()}; the condition applies when the upload
     * completes, which is when the object appears. Any failure aborts the upload so S3 keeps no
     * orphaned parts (which would be billed).
     */
    private ObjectVersion multipartUpload(String key, byte[] content, Condition condition) {
        String s3Key = s3Key(key);
        String uploadId = client.createMultipartUpload(b -> b.bucket(settings.bucket()).key(s3Key)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long partSize = settings.partSize();
            int partNumber = 1;
            for (long offset = 0; offset < content.length; offset += partSize, partNumber++) {
                int length = (int) Math.min(partSize, content.length - offset);
                int number = partNumber;
                String partETag = client.uploadPart(b -> b.bucket(settings.bucket()).key(s3Key)
                                .uploadId(uploadId).partNumber(number).contentLength((long) length),
                        RequestBody.fromRemainingByteBuffer(ByteBuffer.wrap(content, (int) offset, length)))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(partETag).build());
            }
            String eTag = client.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(s3Key)
                    .uploadId(uploadId)
                    .ifNoneMatch(condition.ifNoneMatch())
                    .ifMatch(condition.ifMatch())
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())).eTag();
            return version(key, eTag);
        } catch (RuntimeException e) {
            abort(s3Key, uploadId, e);
            throw e;
        }
    }

    private void abort(String s3Key, String uploadId, RuntimeException cause) {
        try {
            client.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(s3Key).uploadId(uploadId));
        } catch (SdkException e) {
            // The original failure matters more; a bucket lifecycle rule cleans up what remains.
            cause.addSuppressed(e);
            LOG.warn("could not abort multipart upload {} of '{}' on {}: {}", uploadId, s3Key, describe(),
                    e.getMessage());
        }
    }

    /** Exponential back-off with jitter: 20, 40, 80 ms ... plus up to the same again. */
    private void pause(int attempt, String key) {
        long base = 20L << Math.min(attempt - 1, 6);
        try {
            Thread.sleep(base + ThreadLocalRandom.current().nextLong(base));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(describe(), "retry of a conflicting conditional write", key, e);
        }
    }

    private String s3Key(String key) {
        return settings.prefix() + key;
    }

    private StoreException failure(String action, String key, SdkException cause) {
        return new StoreException(describe(), action, key, cause);
    }

    /** S3 ETags are quoted; some S3-compatible services omit the quotes. Versions are always quoted. */
    private ObjectVersion version(String key, String eTag) {
        if (eTag == null || eTag.isBlank()) {
            throw new StoreException(describe(), "read ETag", key,
                    new IllegalStateException("the S3 response carried no ETag, so the object has no usable version"));
        }
        return new ObjectVersion(eTag.startsWith("\"") ? eTag : "\"" + eTag + "\"");
    }

    private static boolean isNoSuchBucket(S3Exception e) {
        return e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
    }

    private static Instant orEpoch(Instant instant) {
        return instant == null ? Instant.EPOCH : instant;
    }

    /** The precondition of a write, as the two S3 headers (either may be null). */
    private record Condition(String ifNoneMatch, String ifMatch) {
        static final Condition NONE = new Condition(null, null);

        static Condition absent() {
            return new Condition("*", null);
        }

        static Condition matching(ObjectVersion expected) {
            return new Condition(null, expected.value());
        }

        String describe() {
            return ifNoneMatch != null ? "If-None-Match: " + ifNoneMatch : "If-Match: " + ifMatch;
        }
    }
}
