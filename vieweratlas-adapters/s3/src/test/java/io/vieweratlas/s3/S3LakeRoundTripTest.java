package io.vieweratlas.s3;

import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.StreamMetadata;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.ObjectInfo;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.SnapshotStore.SnapshotWrite;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeSnapshotStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The lake on S3 is the lake on disk: the same writer puts the same keys and bytes on both, writes
 * are idempotent through S3's put-if-absent, and the lake reader loads everything back from S3
 * with its parallel reads.
 */
class S3LakeRoundTripTest {

    private static S3ProxyFixture s3;
    private static S3Client client;

    @TempDir
    Path disk;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyFixture.start(true);
        s3.bucket("lake");
        client = s3.client(s3.settings("lake").build());
    }

    @AfterAll
    static void stopS3() {
        client.close();
        s3.close();
    }

    @Test
    void snapshotsWrittenToS3HaveTheDiskKeysAndBytesAndReadBack() {
        S3ObjectStore onS3 = new S3ObjectStore(client, s3.settings("lake").prefix(S3ProxyFixture.uniquePrefix("va")).build());
        FileSystemObjectStore onDisk = new FileSystemObjectStore(disk);
        LakeSnapshotStore s3Lake = LakeSnapshotStore.builder(onS3).readThreads(8).build();
        LakeSnapshotStore diskLake = LakeSnapshotStore.on(onDisk);

        List<PresenceSnapshot> written = new ArrayList<>();
        Instant start = Instant.parse("2024-02-28T22:00:00Z");
        for (int i = 0; i < 60; i++) {
            PresenceSnapshot snapshot = PresenceSnapshot.builder("channel" + (i % 10), start.plus(Duration.ofMinutes(17L * i)))
                    .window(Duration.ofMinutes(1))
                    .stream(new StreamMetadata(100 + i, "Chess", "en", "title " + i, Optional.of(start)))
                    .chatters(List.of("viewer" + i, "viewer" + (i + 1), "regular"))
                    .build();
            written.add(snapshot);
            assertEquals(SnapshotWrite.Status.WRITTEN, s3Lake.put(snapshot).status());
            diskLake.put(snapshot);
        }
        // A retried write of the same snapshot changes nothing.
        assertEquals(SnapshotWrite.Status.UNCHANGED, s3Lake.put(written.get(0)).status());

        List<String> s3Keys = keys(onS3);
        assertEquals(keys(onDisk), s3Keys);
        for (String key : s3Keys) {
            assertArrayEquals(onDisk.get(key).orElseThrow().content(), onS3.get(key).orElseThrow().content(), key);
        }
        assertEquals("raw/snapshots/2024/02/28/channel0_20240228_220000.json", s3Keys.get(0));

        List<PresenceSnapshot> read = new ArrayList<>();
        LoadReport report = s3Lake.forEachSnapshot(TimeRange.ALL, read::add);
        assertEquals(written.size(), report.loaded());
        assertEquals(List.of(), report.skipped());
        assertEquals(written.size(), read.size());
        assertEquals(Set.copyOf(written), Set.copyOf(read));
    }

    private static List<String> keys(ObjectStore store) {
        try (Stream<ObjectInfo> listing = store.list("")) {
            return listing.map(ObjectInfo::key).toList();
        }
    }
}
