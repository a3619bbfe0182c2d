package io.vieweratlas.runners;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

import java.net.URI;
import java.util.Properties;

/**
 * S3Proxy on a free loopback port, speaking the S3 REST protocol with SigV4 authentication, for
 * the runners' tests that run a command against a bucket. Started once per test class.
 */
public final class LoopbackS3 {

    private LoopbackS3() {
    }

    /** An empty in-memory back-end ("transient"), to serve as is or to wrap. */
    public static BlobStore transientStore() {
        Properties properties = new Properties();
        properties.setProperty("jclouds.identity", "");
        properties.setProperty("jclouds.credential", "");
        return BlobStores.create("transient", properties);
    }

    /** Starts S3Proxy over {@code store} for one access key and waits until it serves. */
    public static S3Proxy start(BlobStore store, String accessKey, String secretKey) throws Exception {
        S3Proxy proxy = S3Proxy.builder().blobStore(store)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .endpoint(URI.create("http://127.0.0.1:0")).stopTimeout(0).build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!proxy.getState().equals("STARTED")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.onSpinWait();
        }
        return proxy;
    }

    /** Where {@code proxy} listens. */
    public static URI endpoint(S3Proxy proxy) {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }
}
