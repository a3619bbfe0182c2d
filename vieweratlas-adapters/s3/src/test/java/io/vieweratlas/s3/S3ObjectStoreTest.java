package io.vieweratlas.s3;

import io.vieweratlas.core.port.ObjectInfo;
import io.vieweratlas.core.port.ObjectVersion;
import io.vieweratlas.core.port.StoreException;
import io.vieweratlas.core.port.WriteOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S3-specific behaviour beyond the shared contract: paging, multipart, prefixes, error messages. */
class S3ObjectStoreTest {

    private static final String BUCKET = "lake";

    private static S3ProxyFixture s3;
    private static S3Client client;
    private static final AtomicInteger LIST_CALLS = new AtomicInteger();

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyFixture.start(true);
        s3.bucket(BUCKET);
        client = S3Clients.create(s3.settings(BUCKET).build(), S3ProxyFixture.credentials(S3ProxyFixture.SECRET_KEY),
                builder -> builder.overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof ListObjectsV2Request) {
                            LIST_CALLS.incrementAndGet();
                        }
                    }
                })));
    }

    @AfterAll
    static void stopS3() throws Exception {
        client.close();
        s3.close();
    }

    private static S3ObjectStore store(String prefix) {
        return new S3ObjectStore(client, s3.settings(BUCKET).prefix(prefix).build());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void listsPastOneThousandKeysInOrderLazilyAndWithThePrefixStripped() throws Exception {
        S3ObjectStore store = store(S3ProxyFixture.uniquePrefix("paging"));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            keys.add(String.format(java.util.Locale.ROOT, "raw/snapshots/2024/01/%02d/ch%04d_20240101_000000.json",
                    1 + i % 28, i));
        }
        for (String key : keys) {
            s3.seed(BUCKET, store.settings().prefix() + key, bytes(key));
        }
        // Written through the store, these two must list among the seeded ones.
        store.put("raw/snapshots/2024/01/01/a_via_store.json", bytes("a"));
        store.put("raw/snapshots/2024/01/28/z_via_store.json", bytes("z"));
        keys.add("raw/snapshots/2024/01/01/a_via_store.json");
        keys.add("raw/snapshots/2024/01/28/z_via_store.json");
        // A neighbour under another prefix must not leak into the listing.
        store(S3ProxyFixture.uniquePrefix("paging")).put("raw/snapshots/2024/01/01/other.json", bytes("x"));

        int before = LIST_CALLS.get();
        List<String> listed;
        try (Stream<ObjectInfo> listing = store.list("raw/snapshots/")) {
            listed = listing.map(ObjectInfo::key).toList();
        }
        assertEquals(keys.stream().sorted().toList(), listed);
        assertEquals(2, LIST_CALLS.get() - before, "1,100 keys take two pages of at most 1,000");

        before = LIST_CALLS.get();
        try (Stream<ObjectInfo> listing = store.list("raw/")) {
            assertEquals(5, listing.limit(5).count());
        }
        assertEquals(1, LIST_CALLS.get() - before, "the listing is lazy: five keys need one page");
    }

    @Test
    void largeObjectsGoUpInPartsAndConditionalPartsUploadsAreAtomic() {
        S3StoreSettings settings = s3.settings(BUCKET).prefix(S3ProxyFixture.uniquePrefix("multipart"))
                .multipartThreshold(S3StoreSettings.MIN_PART_SIZE).partSize(S3StoreSettings.MIN_PART_SIZE).build();
        S3ObjectStore store = new S3ObjectStore(client, settings);
        byte[] big = new byte[(int) (12 * S3StoreSettings.MIB)];
        new Random(7).nextBytes(big);

        ObjectVersion version = store.put("curated/big.parquet", big);
        assertTrue(version.value().endsWith("-3\""), "a 12 MiB object in 5 MiB parts has a 3-part ETag: " + version);
        assertArrayEquals(big, store.get("curated/big.parquet").orElseThrow().content());
        assertEquals(big.length, store.stat("curated/big.parquet").orElseThrow().size());

        WriteOutcome again = store.putIfAbsent("curated/big.parquet", big);
        assertEquals(new WriteOutcome.Conflict(Optional.of(version)), again);

        big[0] ^= 1;
        WriteOutcome stale = store.compareAndSet("curated/big.parquet", big, new ObjectVersion("\"0123-3\""));
        assertEquals(new WriteOutcome.Conflict(Optional.of(version)), stale);
        WriteOutcome fresh = store.compareAndSet("curated/big.parquet", big, version);
        ObjectVersion second = assertInstanceOf(WriteOutcome.Written.class, fresh).version();
        assertArrayEquals(big, store.get("curated/big.parquet").orElseThrow().content());
        assertEquals(second, store.stat("curated/big.parquet").orElseThrow().version());

        // Failed conditional uploads were aborted: no parts are left behind to be billed.
        assertEquals(List.of(), client.listMultipartUploads(b -> b.bucket(BUCKET).prefix(settings.prefix()))
                .uploads());
    }

    @Test
    void smallObjectsBelowTheThresholdAreSinglePuts() {
        S3ObjectStore store = store(S3ProxyFixture.uniquePrefix("single"));
        ObjectVersion version = store.put("k", bytes("hello"));
        // The ETag of a single PUT is the MD5 of the content.
        assertEquals("\"5d41402abc4b2a76b9719d911017c592\"", version.value());
    }

    @Test
    void verifyAccessPassesAndLeavesNothingBehind() {
        S3ObjectStore store = store(S3ProxyFixture.uniquePrefix("check"));
        store.verifyAccess();
        store.verifyAccess(S3AccessRequirement.forRole("collector"));
        try (Stream<ObjectInfo> listing = store.list("")) {
            assertEquals(0, listing.count());
        }
    }

    @Test
    void verifyAccessProbesOnlyWhatTheRequirementNames() {
        S3ObjectStore store = store(S3ProxyFixture.uniquePrefix("least"));
        List<String> sent = new ArrayList<>();
        try (S3Client recording = S3Clients.create(store.settings(), S3ProxyFixture.credentials(S3ProxyFixture.SECRET_KEY),
                builder -> builder.overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        sent.add(attributes.getAttribute(software.amazon.awssdk.core.interceptor.SdkExecutionAttribute
                                .OPERATION_NAME) + " " + context.request().getValueForField("Key", String.class)
                                .or(() -> context.request().getValueForField("Prefix", String.class)).orElse("")
                                + context.httpRequest().firstMatchingHeader("If-None-Match").map(v -> " If-None-Match:" + v)
                                .orElse(""));
                    }
                })))) {
            S3ObjectStore checked = new S3ObjectStore(recording, store.settings());
            checked.verifyAccess(S3AccessRequirement.listOnly());
            assertEquals(List.of("ListObjectsV2 " + store.settings().prefix()), sent);

            sent.clear();
            checked.verifyAccess(S3AccessRequirement.forRole("vod-collector"));
            assertEquals(3, sent.size(), sent.toString());
            assertEquals("ListObjectsV2 " + store.settings().prefix(), sent.get(0));
            String probe = store.settings().prefix() + "_access-check/vod-collector/";
            assertTrue(sent.get(1).startsWith("PutObject " + probe) && sent.get(1).endsWith(" If-None-Match:*"),
                    sent.toString());
            assertTrue(sent.get(2).startsWith("DeleteObject " + probe), sent.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> S3AccessRequirement.forRole("Collector/.."));
        assertThrows(IllegalArgumentException.class, () -> S3AccessRequirement.writeProbeUnder("no-slash"));
    }

    @Test
    void verifyAccessNamesAMissingBucket() {
        S3StoreSettings settings = s3.settings("no-such-bucket").prefix("vieweratlas/").build();
        try (S3Client other = s3.client(settings)) {
            S3AccessException e = assertThrows(S3AccessException.class,
                    () -> new S3ObjectStore(other, settings).verifyAccess());
            assertTrue(e.getMessage().contains("ListObjectsV2 on bucket 'no-such-bucket' (prefix 'vieweratlas/'"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("the bucket does not exist"), e.getMessage());
            assertEquals("ListObjectsV2", e.action());
        }
    }

    @Test
    void verifyAccessNamesDeniedAccess() {
        S3StoreSettings settings = s3.settings(BUCKET).prefix("vieweratlas/").build();
        try (S3Client wrongKeys = S3Clients.create(settings, S3ProxyFixture.credentials("not-the-secret"))) {
            S3AccessException e = assertThrows(S3AccessException.class,
                    () -> new S3ObjectStore(wrongKeys, settings).verifyAccess());
            assertTrue(e.getMessage().contains("ListObjectsV2 on bucket 'lake' (prefix 'vieweratlas/'"), e.getMessage());
            assertTrue(e.getMessage().contains("access denied"), e.getMessage());
            assertTrue(e.getMessage().contains("need s3:ListBucket on arn:aws:s3:::lake with s3:prefix 'vieweratlas/'"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
        }
    }

    @Test
    void verifyAccessNamesTheBucketsRealRegion() throws Exception {
        try (WrongRegionS3 wrong = WrongRegionS3.start("eu-central-1")) {
            S3StoreSettings settings = S3StoreSettings.builder("lake", "us-east-1").prefix("va")
                    .endpoint(wrong.endpoint()).pathStyle(true).maxAttempts(1).build();
            try (S3Client other = s3.client(settings)) {
                S3AccessException e = assertThrows(S3AccessException.class,
                        () -> new S3ObjectStore(other, settings).verifyAccess());
                assertTrue(e.getMessage().contains("ListObjectsV2 on bucket 'lake' (prefix 'va/', region us-east-1"),
                        e.getMessage());
                assertTrue(e.getMessage().contains("not in region us-east-1 but in eu-central-1"), e.getMessage());
                assertTrue(e.getMessage().contains("S3_REGION=eu-central-1"), e.getMessage());
            }
        }
    }

    @Test
    void failuresNameBucketPrefixKeyAndAction() {
        S3StoreSettings settings = s3.settings("missing-bucket").prefix("p/").maxAttempts(1).build();
        try (S3Client other = s3.client(settings)) {
            S3ObjectStore store = new S3ObjectStore(other, settings);
            StoreException get = assertThrows(StoreException.class, () -> store.get("state/x.json"));
            assertEquals("GetObject 'state/x.json' on s3://missing-bucket/p/ failed: ",
                    get.getMessage().substring(0, get.getMessage().indexOf("failed: ") + 8));
            StoreException put = assertThrows(StoreException.class, () -> store.put("state/x.json", bytes("x")));
            assertTrue(put.getMessage().startsWith("PutObject 'state/x.json' on s3://missing-bucket/p/ failed"),
                    put.getMessage());
            StoreException cas = assertThrows(StoreException.class,
                    () -> store.compareAndSet("state/x.json", bytes("x"), new ObjectVersion("\"abc\"")));
            assertTrue(cas.getMessage().startsWith("PutObject (If-Match: \"abc\") 'state/x.json' on s3://missing-bucket/p/"),
                    cas.getMessage());
            StoreException list = assertThrows(StoreException.class, () -> {
                try (Stream<ObjectInfo> listing = store.list("raw/")) {
                    listing.count();
                }
            });
            assertTrue(list.getMessage().startsWith("ListObjectsV2 'raw/' on s3://missing-bucket/p/"), list.getMessage());
        }
    }

    @Test
    void storesUnderDifferentPrefixesAreIndependent() {
        String shared = S3ProxyFixture.uniquePrefix("tenant");
        S3ObjectStore a = store(shared + "a");
        S3ObjectStore b = store(shared + "b");
        a.put("state/queue.json", bytes("a"));
        assertTrue(b.get("state/queue.json").isEmpty());
        assertTrue(b.putIfAbsent("state/queue.json", bytes("b")).written());
        assertEquals("a", new String(a.get("state/queue.json").orElseThrow().content(), StandardCharsets.UTF_8));
        assertEquals("s3://lake/" + shared + "a/", a.describe());
    }

    @Test
    void concurrentConditionalWriteConflictsAreRetriedThenResolved() throws Exception {
        try (ConflictingS3 fake = ConflictingS3.start(2)) {
            S3StoreSettings settings = S3StoreSettings.builder("lake", "us-east-1").endpoint(fake.endpoint())
                    .pathStyle(true).maxAttempts(1).build();
            try (S3Client other = s3.client(settings)) {
                S3ObjectStore store = new S3ObjectStore(other, settings);
                WriteOutcome outcome = store.compareAndSet("state/q.json", bytes("x"), new ObjectVersion(ConflictingS3.ETAG));
                assertEquals(new WriteOutcome.Written(new ObjectVersion(ConflictingS3.NEW_ETAG)), outcome);
                assertEquals(3, fake.conditionalPuts(), "two 409s retried, the third attempt wrote");

                WriteOutcome stale = store.compareAndSet("state/q.json", bytes("y"), new ObjectVersion(ConflictingS3.ETAG));
                assertEquals(new WriteOutcome.Conflict(Optional.of(new ObjectVersion(ConflictingS3.NEW_ETAG))), stale);
            }
        }
    }

    @Test
    void endlessConditionalWriteConflictsEndAsAConflictNotAnException() throws Exception {
        try (ConflictingS3 fake = ConflictingS3.start(Integer.MAX_VALUE)) {
            S3StoreSettings settings = S3StoreSettings.builder("lake", "us-east-1").endpoint(fake.endpoint())
                    .pathStyle(true).maxAttempts(1).build();
            try (S3Client other = s3.client(settings)) {
                WriteOutcome outcome = new S3ObjectStore(other, settings)
                        .compareAndSet("state/q.json", bytes("x"), new ObjectVersion(ConflictingS3.ETAG));
                assertEquals(new WriteOutcome.Conflict(Optional.of(new ObjectVersion(ConflictingS3.ETAG))), outcome);
                assertEquals(5, fake.conditionalPuts());
            }
        }
    }
}
