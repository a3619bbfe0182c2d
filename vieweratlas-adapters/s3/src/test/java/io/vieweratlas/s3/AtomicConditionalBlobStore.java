package io.vieweratlas.s3;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.io.InputStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * S3Proxy middleware that makes {@code If-Match} writes atomic, as they are on S3.
 *
 * <p>S3Proxy's in-memory and filesystem back-ends resolve {@code If-None-Match: *} atomically (by
 * hard link) but evaluate {@code If-Match} as a HEAD followed by an unconditional write, so two
 * racing compare-and-set writers can both succeed (the contract's CAS race then loses increments).
 * This layer serialises every write and delete of one key and evaluates both preconditions under
 * that key's lock, against the back-end's current metadata, before the write goes through: the
 * same decision S3 makes, made atomically. It changes no result other than closing that race.
 */
final class AtomicConditionalBlobStore extends ForwardingBlobStore {

    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    AtomicConditionalBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream payload) {
        return underLock(request.bucket(), request.key(), () -> {
            check(request.bucket(), request.key(), request.ifMatch(), request.ifNoneMatch());
            return delegate().putBlob(request, payload);
        });
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload mpu,
                                                                   CompleteMultipartUploadRequest request) {
        return underLock(mpu.containerName(), mpu.blobName(), () -> {
            check(mpu.containerName(), mpu.blobName(), request.ifMatch(), request.ifNoneMatch());
            return delegate().completeMultipartUpload(mpu, request);
        });
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        return underLock(request.bucket(), request.key(), () -> delegate().removeBlob(request));
    }

    private void check(String bucket, String key, String ifMatch, String ifNoneMatch) {
        if (ifMatch == null && ifNoneMatch == null) {
            return;
        }
        HeadObjectResponse current = delegate().blobMetadataIfPresent(bucket, key);
        if (ifMatch != null) {
            if (current == null) {
                // S3 answers If-Match on a missing key with 404 NoSuchKey.
                throw S3Exceptions.noSuchKey(bucket, key, null);
            }
            if (!ifMatch.equals("*") && !unquote(ifMatch).equals(unquote(current.eTag()))) {
                throw S3Exceptions.fromStatusCode(412);
            }
        }
        if (ifNoneMatch != null && current != null
                && (ifNoneMatch.equals("*") || unquote(ifNoneMatch).equals(unquote(current.eTag())))) {
            throw S3Exceptions.fromStatusCode(412);
        }
    }

    private <T> T underLock(String bucket, String key, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(bucket + "/" + key, k -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private static String unquote(String eTag) {
        if (eTag == null) {
            return "";
        }
        return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
                ? eTag.substring(1, eTag.length() - 1) : eTag;
    }
}
