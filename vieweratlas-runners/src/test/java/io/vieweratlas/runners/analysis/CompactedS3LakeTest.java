package io.vieweratlas.runners.analysis;

import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.analysis.aggregate.PresenceTable;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.lake.LakeSnapshotStore;
import io.vieweratlas.parquet.PresenceCompactor;
import io.vieweratlas.runners.LoopbackS3;
import io.vieweratlas.s3.S3Clients;
import io.vieweratlas.s3.S3ObjectStore;
import io.vieweratlas.s3.S3StoreSettings;
import io.vieweratlas.synth.SyntheticLake;
import io.vieweratlas.synth.SyntheticLakeSpec;
import org.gaul.s3proxy.S3Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compaction of a lake on S3 (S3Proxy on loopback, SigV4, the S3 REST protocol): the analysis's
 * presence source reads the same table before and after, with a few GETs per day instead of one per
 * snapshot, and compacting again writes nothing.
 */
class CompactedS3LakeTest {

    private static final String BUCKET = "compaction-lake";
    private static final String KEY = "compaction-key";
    private static final String SECRET = "compaction-secret";
    private static S3Proxy proxy;
    private static S3Client client;
    private static S3StoreSettings settings;

    @BeforeAll
    static void startS3() throws Exception {
        proxy = LoopbackS3.start(LoopbackS3.transientStore(), KEY, SECRET);
        settings = S3StoreSettings.builder(BUCKET, "us-east-1").prefix("lake/")
                .endpoint(LoopbackS3.endpoint(proxy)).pathStyle(true).build();
        client = S3Clients.create(settings, StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)));
        client.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (client != null) {
            client.close();
        }
        if (proxy != null) {
            proxy.stop();
        }
    }

    private static List<String> rows(PresenceTable table) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < table.rows(); i++) {
            List<String> viewers = new ArrayList<>();
            for (int j = table.start(i); j < table.end(i); j++) {
                viewers.add(table.viewers().key(table.members()[j]).toString());
            }
            viewers.sort(null);
            out.add(table.channel(i) + "|" + table.epochSecond(i) + "|" + table.viewerCount(i) + "|" + table.game(i)
                    + "|" + table.location(i) + "|" + viewers);
        }
        return out;
    }

    @Test
    void aCompactedS3LakeLoadsTheSameTableWithAFewGetsPerDay() {
        S3ObjectStore s3 = new S3ObjectStore(client, settings);
        SyntheticLake.plan(SyntheticLakeSpec.builder().channels(9).communities(3).viewers(400)
                .snapshotsPerChannel(30).start(Instant.parse("2026-02-01T00:00:00Z"))
                .snapshotInterval(Duration.ofHours(1)).seed(9).build()).forEachSnapshot(LakeSnapshotStore.on(s3)::put);
        CountingObjectStore counted = new CountingObjectStore(s3, false);
        LakePresence presence = new LakePresence(counted, LakeSelection.LIVE, OptionalInt.of(2), n -> { });

        PresenceIngest.Loaded raw = presence.loadTable(TimeRange.ALL, PresencePolicy.INCLUSIVE);
        long rawGets = counted.gets.get();
        assertEquals(9 * 30, rawGets, "one GET per snapshot");

        PresenceCompactor compactor = PresenceCompactor.builder(counted).build();
        List<LocalDate> days = List.of(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 2));
        assertEquals(List.of(PresenceCompactor.DayOutcome.Status.COMPACTED, PresenceCompactor.DayOutcome.Status.COMPACTED),
                compactor.compact(days).stream().map(PresenceCompactor.DayOutcome::status).toList());
        counted.reset();
        assertEquals(List.of(PresenceCompactor.DayOutcome.Status.ALREADY_COMPACTED,
                PresenceCompactor.DayOutcome.Status.ALREADY_COMPACTED),
                compactor.compact(days).stream().map(PresenceCompactor.DayOutcome::status).toList());
        assertEquals(0, counted.writes.get(), "compacting again writes nothing");

        counted.reset();
        PresenceIngest.Loaded compacted = presence.loadTable(TimeRange.ALL, PresencePolicy.INCLUSIVE);
        assertEquals(rows(raw.table()), rows(compacted.table()));
        assertEquals(raw.report(), compacted.report());
        assertEquals(2 + 2, counted.gets.get(), "a manifest and a part per day");
        assertTrue(counted.bytesRead.get() > 0);
    }
}
