package io.vieweratlas.s3;

import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.filesystem.ObjectStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The shared {@link ObjectStoreContract} against S3Proxy on loopback. Each test gets a fresh key
 * prefix in one bucket, so prefix handling (writing under it, stripping it from listings) is
 * exercised by every test.
 */
class S3ObjectStoreContractTest extends ObjectStoreContract {

    private static S3ProxyFixture s3;
    private static S3Client client;
    private S3ObjectStore current;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyFixture.start(true);
        s3.bucket("contract");
        client = s3.client(s3.settings("contract").build());
    }

    @AfterAll
    static void stopS3() throws Exception {
        client.close();
        s3.close();
    }

    @Override
    protected ObjectStore newStore() {
        S3StoreSettings settings = s3.settings("contract").prefix(S3ProxyFixture.uniquePrefix("lake")).build();
        current = new S3ObjectStore(client, settings);
        return current;
    }

    @AfterEach
    void closeStore() {
        current.close();
    }
}
