package io.vieweratlas.s3;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An S3Proxy server on loopback with the in-memory ("transient") back-end, speaking the S3 REST
 * protocol with SigV4 authentication. One instance serves a whole test class; tests isolate
 * themselves by bucket or by key prefix.
 */
final class S3ProxyFixture implements AutoCloseable {

    static final String ACCESS_KEY = "test-access-key";
    static final String SECRET_KEY = "test-secret-key-for-s3proxy";
    static final String REGION = "us-east-1";

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private final S3Proxy proxy;
    private final BlobStore blobStore;
    private final URI endpoint;
    private final S3Client admin;

    private S3ProxyFixture(S3Proxy proxy, BlobStore blobStore, URI endpoint) {
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.endpoint = endpoint;
        this.admin = S3Clients.create(settings("admin-bucket").build(), credentials(SECRET_KEY));
    }

    /**
     * Starts S3Proxy. With {@code atomicIfMatch}, {@link AtomicConditionalBlobStore} sits between
     * S3Proxy and its back-end so {@code If-Match} writes are atomic as on S3.
     */
    static S3ProxyFixture start(boolean atomicIfMatch) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.identity", "");
        properties.setProperty("jclouds.credential", "");
        BlobStore backend = BlobStores.create("transient", properties);
        BlobStore blobStore = atomicIfMatch ? new AtomicConditionalBlobStore(backend) : backend;
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .stopTimeout(0)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!proxy.getState().equals("STARTED")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.onSpinWait();
        }
        return new S3ProxyFixture(proxy, blobStore, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    URI endpoint() {
        return endpoint;
    }

    /** Settings for {@code bucket} on this server, path-style, small multipart threshold allowed. */
    S3StoreSettings.Builder settings(String bucket) {
        return S3StoreSettings.builder(bucket, REGION).endpoint(endpoint).pathStyle(true).maxConnections(32);
    }

    static StaticCredentialsProvider credentials(String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, secret));
    }

    /** A client with the right credentials. */
    S3Client client(S3StoreSettings settings) {
        return S3Clients.create(settings, credentials(SECRET_KEY));
    }

    /** Creates {@code bucket} (if needed) and returns it. */
    String bucket(String bucket) {
        if (admin.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
            admin.createBucket(b -> b.bucket(bucket));
        }
        return bucket;
    }

    /** A key prefix no other test in this JVM uses. */
    static String uniquePrefix(String base) {
        return base + "-" + PREFIXES.incrementAndGet() + "/";
    }

    /**
     * Writes an object straight into S3Proxy's back-end, skipping HTTP: fast set-up for tests
     * about reading and listing many objects.
     */
    void seed(String bucket, String s3Key, byte[] content) {
        blobStore.putBlob(PutObjectRequest.builder().bucket(bucket).key(s3Key).contentLength((long) content.length)
                .build(), new ByteArrayInputStream(content));
    }

    S3Client admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }
}
