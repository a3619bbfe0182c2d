package io.vieweratlas.s3;

import io.vieweratlas.core.port.ObjectInfo;
import io.vieweratlas.core.port.StoredObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Lists and reads many small snapshot-sized objects with bounded parallelism, the way analysis
 * loads a lake from S3. The default run uses 300 objects; {@code -Dvieweratlas.s3.bulk=15000}
 * runs the 15,000 and prints the timing.
 */
class S3BulkReadTest {

    private static final String BUCKET = "bulk";
    private static final int PARALLELISM = 32;

    private static S3ProxyFixture s3;
    private static S3Client client;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyFixture.start(true);
        s3.bucket(BUCKET);
        client = s3.client(s3.settings(BUCKET).maxConnections(PARALLELISM).build());
    }

    @AfterAll
    static void stopS3() throws Exception {
        client.close();
        s3.close();
    }

    @Test
    void listsAndReadsManySmallObjectsInParallel() throws Exception {
        int count = Integer.getInteger("vieweratlas.s3.bulk", 300);
        S3ObjectStore store = new S3ObjectStore(client, s3.settings(BUCKET).prefix("lake").build());
        byte[] body = new byte[2048];
        for (int i = 0; i < count; i++) {
            String key = String.format(Locale.ROOT, "raw/snapshots/2024/01/%02d/ch%05d_20240101_120000.json",
                    1 + i % 28, i);
            byte[] content = (key + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] padded = new byte[content.length + body.length];
            System.arraycopy(content, 0, padded, 0, content.length);
            s3.seed(BUCKET, "lake/" + key, padded);
        }

        long start = System.nanoTime();
        List<ObjectInfo> listed;
        try (Stream<ObjectInfo> listing = store.list("raw/snapshots/")) {
            listed = listing.toList();
        }
        long listedAt = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM);
        long bytes = 0;
        try {
            List<Future<StoredObject>> reads = new ArrayList<>(listed.size());
            for (ObjectInfo info : listed) {
                reads.add(pool.submit(() -> store.get(info.key()).orElseThrow()));
            }
            for (int i = 0; i < reads.size(); i++) {
                StoredObject object = reads.get(i).get(120, TimeUnit.SECONDS);
                String firstLine = new String(object.content(), StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
                assertEquals(listed.get(i).key(), firstLine, "object read back under its own key");
                assertEquals(listed.get(i).version(), object.version());
                bytes += object.content().length;
            }
        } finally {
            pool.shutdownNow();
        }
        long end = System.nanoTime();
        assertEquals(count, listed.size());
        System.out.printf(Locale.ROOT, "S3Proxy bulk read: %d objects (%d bytes) listed in %.2f s, read with %d threads in %.2f s (%.0f objects/s)%n",
                count, bytes, (listedAt - start) / 1e9, PARALLELISM, (end - listedAt) / 1e9,
                count / ((end - listedAt) / 1e9));
    }
}
