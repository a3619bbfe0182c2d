package io.vieweratlas.runners.infrastructure;

import io.vieweratlas.runners.FakeHelixStreams;

import com.fasterxml.jackson.databind.JsonNode;
import io.vieweratlas.lake.LakeSnapshotStore;
import io.vieweratlas.runners.LoopbackS3;
import io.vieweratlas.s3.S3Clients;
import io.vieweratlas.s3.S3ObjectStore;
import io.vieweratlas.s3.S3StoreSettings;
import io.vieweratlas.synth.SyntheticLake;
import io.vieweratlas.synth.SyntheticLakeSpec;
import io.vieweratlas.twitch.irc.FakeIrcServer;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The task-role policies (infrastructure/aws/iam/task-role-*.json) proven against the code: each
 * role's real command runs as its task does (a child JVM running {@code Main} with the task
 * definition's {@code VIEWERATLAS_ROLE} and credentials in the environment) against S3Proxy (an
 * in-process S3 speaking the REST protocol with SigV4); every S3 request it sends is recorded
 * ({@link S3RequestLog}), mapped to what IAM authorises ({@link IamRequest}) and evaluated against
 * that role's policy by a real IAM evaluator ({@link IamPolicyEvaluator}). Every recorded request
 * must be allowed; a list of forbidden requests must be denied for every role.
 *
 * <p>The code paths: the collector's {@code continuous} for one window (snapshots, the daily state
 * by compare-and-set, and the analysis it starts after the window); {@code analyze} of a synthetic
 * lake; two {@code vod} runs, the first with a multipart upload of the raw replay whose parts all
 * fail, so the store aborts it.
 */
class TaskRolePoliciesTest {

    private static final Path IAM_DIR = Path.of("..", "infrastructure", "aws", "iam").toAbsolutePath().normalize();
    private static final String BUCKET = "atlas-lake";
    private static final String OTHER_BUCKET = "someone-elses-bucket";
    private static final String REGION = "us-east-1";
    private static final String ACCESS_KEY = "role-test-key";
    private static final String SECRET_KEY = "role-test-secret";
    private static final Map<String, String> TWITCH = Map.of("TWITCH_OAUTH_TOKEN", "oauth:tok", "TWITCH_CLIENT_ID", "cid");
    /** A child JVM starts, checks S3 access and discovers channels before it joins: generous on a busy machine. */
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private static S3Proxy proxy;
    private static FailingParts blobStore;
    private static URI endpoint;
    private static S3Client admin;

    @TempDir
    Path dir;
    private String prefix;

    /**
     * Fails every part of the next multipart upload with 400 InvalidRequest, retries included, as an
     * upload that cannot complete: the store must abort it.
     */
    private static final class FailingParts extends ForwardingBlobStore {
        private final AtomicBoolean armed = new AtomicBoolean();
        private final AtomicReference<String> doomedUpload = new AtomicReference<>();

        FailingParts(BlobStore delegate) {
            super(delegate);
        }

        void failNextUpload() {
            doomedUpload.set(null);
            armed.set(true);
        }

        void disarm() {
            armed.set(false);
            doomedUpload.set(null);
        }

        @Override
        public UploadPartResponse uploadMultipartPart(MultipartUpload mpu, UploadPartRequest request, InputStream in) {
            if (armed.compareAndSet(true, false)) {
                doomedUpload.set(mpu.id());
            }
            if (mpu.id().equals(doomedUpload.get())) {
                throw S3Exceptions.invalidRequest("injected failure of part " + request.partNumber());
            }
            return delegate().uploadMultipartPart(mpu, request, in);
        }
    }

    @BeforeAll
    static void startS3() throws Exception {
        blobStore = new FailingParts(LoopbackS3.transientStore());
        proxy = LoopbackS3.start(blobStore, ACCESS_KEY, SECRET_KEY);
        endpoint = LoopbackS3.endpoint(proxy);
        admin = S3Clients.create(settings("").build(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
        admin.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (proxy != null) {
            proxy.stop();
        }
    }

    @BeforeEach
    void assumeEvaluator() {
        IamPolicyEvaluator.assumeAvailable();
        prefix = "atlas-" + PREFIXES.incrementAndGet() + "/";
    }

    private static S3StoreSettings.Builder settings(String prefix) {
        return S3StoreSettings.builder(BUCKET, REGION).prefix(prefix).endpoint(endpoint).pathStyle(true);
    }

    private String storageYaml() {
        return "storage:\n  type: s3\n  s3_bucket: " + BUCKET + "\n  s3_prefix: " + prefix + "\n  s3_region: " + REGION
                + "\n  s3_endpoint: " + endpoint + "\n  s3_path_style: true\n";
    }

    record Result(int code, String out, String err, List<S3RequestLog.Request> requests) {
        String requestList() {
            return requests.stream().map(S3RequestLog.Request::toString).collect(Collectors.joining("\n  "));
        }
    }

    /** A running role: a child JVM running {@code Main} with the role's task-definition environment. */
    private final class RoleProcess {
        final Process process;
        final Path log;
        final Path out;
        final Path err;

        RoleProcess(String role, Map<String, String> env, String... args) throws Exception {
            int n = PREFIXES.incrementAndGet();
            log = dir.resolve("s3-requests-" + n + ".jsonl");
            out = dir.resolve("out-" + n + ".txt");
            err = dir.resolve("err-" + n + ".txt");
            String javaExe = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(javaExe, "-cp", System.getProperty("java.class.path"),
                    "-D" + S3RequestLog.FILE_PROPERTY + "=" + log, "io.vieweratlas.runners.cli.Main"));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("S3_")
                    || k.equals("STORAGE_TYPE") || k.startsWith("VIEWERATLAS_") || k.startsWith("TWITCH_"));
            // What the task definition sets (the role) and what ECS provides (credentials of the task role).
            pb.environment().put("VIEWERATLAS_ROLE", role);
            pb.environment().put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
            pb.environment().put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
            pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
            pb.environment().putAll(env);
            process = pb.start();
            process.getOutputStream().close();
        }

        Result await(Duration timeout) throws Exception {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("role process did not finish in " + timeout + ": " + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err), S3RequestLog.read(log));
        }
    }

    private Result run(String role, Map<String, String> env, String... args) throws Exception {
        return new RoleProcess(role, env, args).await(Duration.ofSeconds(120));
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    /** The role's policy, rendered for this test's bucket and prefix. */
    private JsonNode policy(String role) throws Exception {
        return IamPolicyEvaluator.render(IAM_DIR.resolve("task-role-" + role + ".json"), Map.of(
                "S3_BUCKET", BUCKET, "S3_PREFIX", prefix, "ACCOUNT_ID", IamPolicyEvaluator.ACCOUNT, "AWS_REGION", REGION));
    }

    /** Evaluates what the role sent; every request must be allowed. Prints the figures. */
    private void assertAllAllowed(String role, List<S3RequestLog.Request> recorded) throws Exception {
        assertTrue(!recorded.isEmpty(), role + ": no S3 request was recorded");
        List<IamRequest> requests = recorded.stream().map(IamRequest::of).toList();
        List<IamPolicyEvaluator.Decision> decisions = IamPolicyEvaluator.evaluate(policy(role), "vieweratlas-" + role,
                requests);
        List<String> refused = decisions.stream().filter(d -> !d.allowed())
                .map(d -> d.decision() + ": " + d.request() + (d.detail().isEmpty() ? "" : " " + d.detail())).toList();
        Map<String, Long> byOperation = recorded.stream()
                .collect(Collectors.groupingBy(S3RequestLog.Request::operation, java.util.TreeMap::new, Collectors.counting()));
        System.out.println("FIGURES role=" + role + " recorded=" + recorded.size() + " allowed="
                + (decisions.size() - refused.size()) + " denied=" + refused.size() + " operations=" + byOperation);
        if (!refused.isEmpty()) {
            fail("task-role-" + role + ".json refuses " + refused.size() + " of the " + recorded.size()
                    + " S3 requests the " + role + " role sends:\n  " + String.join("\n  ", refused));
        }
    }

    @Test
    void collectorWindowStateUpdateAndItsAnalysisAreAllowed() throws Exception {
        // Yesterday's raw snapshots: the collector compacts that day after its first window.
        java.time.LocalDate yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
        try (S3Client client = S3Clients.create(settings(prefix).build(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))) {
            LakeSnapshotStore.on(new S3ObjectStore(client, settings(prefix).build())).put(
                    io.vieweratlas.core.model.PresenceSnapshot.builder("alpha",
                            yesterday.atTime(22, 0).toInstant(java.time.ZoneOffset.UTC)).chatters(List.of("ann", "bob"))
                            .build());
        }
        Path channels = Files.writeString(dir.resolve("channels.txt"), "gamma\n");
        Map<String, Long> live = Map.of("alpha", 900L, "beta", 400L, "gamma", 100L);
        MockWebServer helix = new MockWebServer();
        helix.setDispatcher(new FakeHelixStreams("bot", live));
        helix.start();
        try (FakeIrcServer irc = new FakeIrcServer(20, Duration.ofSeconds(10))) {
            Path cfg = Files.writeString(dir.resolve("config.yaml"), "collection:\n  top_channels_limit: 2\n"
                    + "  channels_file: " + channels + "\n  window_seconds: 10\n  wait_for_hour_alignment: false\n"
                    + "analysis:\n  analysis_interval_cycles: 1\n  output_dir: " + dir.resolve("exports") + "\n"
                    + "twitch:\n  helix_url: " + helix.url("/helix") + "\n  auth_url: " + helix.url("/oauth2")
                    + "\n  irc_uri: " + irc.uri() + "\n" + storageYaml());
            RoleProcess collector = new RoleProcess("collector", TWITCH, "continuous", "--cycles", "1", "--config",
                    cfg.toString());
            Result r;
            try {
                try {
                    irc.awaitJoined(WAIT, "alpha", "beta", "gamma");
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; collector " + (collector.process.isAlive() ? "running"
                            : "exited " + collector.process.exitValue()) + ", stderr:\n" + Files.readString(collector.err)
                            + "\nstdout:\n" + Files.readString(collector.out), e);
                }
                for (String viewer : List.of("ann", "bob", "cy")) {
                    irc.say("alpha", viewer, "1", "hi");
                    irc.say("beta", viewer, "1", "hi");
                    irc.say("gamma", viewer, "1", "hi");
                }
                r = collector.await(Duration.ofSeconds(120));
            } finally {
                collector.process.destroyForcibly();
            }
            try {
                assertAllAllowed("collector", r.requests());
            } finally {
                System.out.println("collector requests:\n  " + r.requestList());
            }
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.requests().stream().anyMatch(q -> q.operation().equals("PutObject")
                    && q.key().orElse("").equals(prefix + "state/daily_collection_state.json")),
                    "the window updated the daily state:\n  " + r.requestList());
            assertTrue(r.requests().stream().anyMatch(q -> q.key().orElse("").startsWith(prefix + "raw/snapshots/")),
                    "the window wrote snapshots:\n  " + r.requestList());
            assertTrue(r.requests().stream().anyMatch(q -> q.key().orElse("").equals(prefix + "processed/analysis_results.json")),
                    "the collector's own analysis wrote its results:\n  " + r.requestList());
            assertTrue(r.requests().stream().anyMatch(q -> q.operation().equals("PutObject") && q.key().orElse("")
                    .equals(prefix + "curated/presence/_manifests/dt=" + yesterday + ".json")),
                    "the collector compacted yesterday:\n  " + r.requestList());
        } finally {
            helix.shutdown();
        }
    }

    @Test
    void analysisOfALakeIsAllowed() throws Exception {
        try (S3Client client = S3Clients.create(settings(prefix).build(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))) {
            S3ObjectStore seed = new S3ObjectStore(client, settings(prefix).build());
            LakeSnapshotStore snapshots = LakeSnapshotStore.on(seed);
            SyntheticLake.plan(SyntheticLakeSpec.builder().channels(12).communities(3).viewers(300)
                    .snapshotsPerChannel(2).seed(5).build()).forEachSnapshot(snapshots::put);
        }
        Path cfg = Files.writeString(dir.resolve("config.yaml"), storageYaml());
        Result r = run("analysis", Map.of(), "analyze", "--config", cfg.toString(), "--out", dir.resolve("out").toString());
        List<S3RequestLog.Request> recorded = r.requests();
        try {
            assertAllAllowed("analysis", recorded);
        } finally {
            System.out.println("analysis requests:\n  " + r.requestList());
        }
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(recorded.stream().anyMatch(q -> q.key().orElse("").equals(prefix + "processed/analysis_results.json")
                && q.operation().equals("PutObject")), "the analysis wrote its results");
    }

    @Test
    void vodRunWithAFailedMultipartUploadIsAllowed() throws Exception {
        Instant created = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        // Raw chat is written in parts of about 8 MiB; one comment of 17 MiB makes a part larger than
        // the 16 MiB multipart threshold, so that part goes up as a multipart upload.
        List<String> edges = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String big = i == 0 ? "x".repeat(17 << 20) : "hello";
            edges.add("{\"cursor\":\"k" + i + "\",\"node\":{\"id\":\"c" + i + "\",\"commenter\":{\"id\":\"u" + i
                    + "\",\"login\":\"viewer" + i + "\",\"displayName\":\"viewer" + i + "\"},\"contentOffsetSeconds\":"
                    + (i * 30) + ",\"message\":{\"fragments\":[{\"text\":\"" + big + "\"}]}}}");
        }
        String page = "[{\"data\":{\"video\":{\"id\":\"777\",\"comments\":{\"edges\":[" + String.join(",", edges)
                + "],\"pageInfo\":{\"hasNextPage\":false}}}}}]";
        MockWebServer twitch = new MockWebServer();
        twitch.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return switch (request.getRequestUrl().encodedPath()) {
                    case "/oauth2/validate" ->
                            json("{\"client_id\":\"cid\",\"login\":\"bot\",\"user_id\":\"1\",\"expires_in\":9999}");
                    case "/helix/users" -> json("{\"data\":[{\"id\":\"42\",\"login\":\"alice\",\"display_name\":\"Alice\"}]}");
                    case "/helix/videos" -> json("{\"data\":[{\"id\":\"777\",\"user_id\":\"42\",\"user_login\":\"alice\","
                            + "\"title\":\"t\",\"created_at\":\"" + created + "\",\"view_count\":500,\"duration\":\"2h\","
                            + "\"type\":\"archive\"}],\"pagination\":{}}");
                    case "/gql" -> json(page);
                    default -> new MockResponse().setResponseCode(404);
                };
            }
        });
        twitch.start();
        try {
            Files.writeString(dir.resolve("channels.txt"), "alice\n");
            Path cfg = Files.writeString(dir.resolve("config.yaml"), "collection:\n  channels_file: "
                    + dir.resolve("channels.txt") + "\nvod:\n  enabled: true\n  auto_discover: true\n"
                    + "  rate_limit_delay_s: 0\n  min_views: 100\n"
                    + "twitch:\n  helix_url: " + twitch.url("/helix") + "\n  auth_url: " + twitch.url("/oauth2")
                    + "\n  gql_url: " + twitch.url("/gql") + "\n" + storageYaml());
            blobStore.failNextUpload();
            Result first = run("vod-collector", TWITCH, "vod", "--config", cfg.toString());
            Result second = run("vod-collector", TWITCH, "vod", "--config", cfg.toString());
            List<S3RequestLog.Request> recorded = new ArrayList<>(first.requests());
            recorded.addAll(second.requests());
            String ops = first.requestList() + "\n  --- second run\n  " + second.requestList();
            try {
                assertAllAllowed("vod-collector", recorded);
            } finally {
                System.out.println("vod-collector requests:\n  " + ops);
            }
            assertTrue(recorded.stream().anyMatch(q -> q.operation().equals("AbortMultipartUpload")),
                    "the failed upload was aborted:\n  " + ops + "\n" + first.out() + first.err());
            assertEquals(0, second.code(), second.out() + second.err());
        } finally {
            blobStore.disarm();
            twitch.shutdown();
        }
    }

    /** Requests no role may make, whatever its code does. */
    private List<IamRequest> forbidden() {
        String obj = "arn:aws:s3:::" + BUCKET + "/" + prefix;
        String bucket = "arn:aws:s3:::" + BUCKET;
        return List.of(
                IamRequest.of("s3:DeleteObject", obj + "raw/snapshots/2026/01/01/alpha_20260101_000000.json", Map.of()),
                IamRequest.of("s3:DeleteObject", obj + "raw/vod_chat/channel=alice/vod_id=1/chat.json", Map.of()),
                IamRequest.of("s3:DeleteObject", obj + "raw/chatter_logs/x.csv", Map.of()),
                IamRequest.of("s3:DeleteObject", obj + "state/vod_queue.json", Map.of()),
                IamRequest.of("s3:DeleteObject", obj + "processed/analysis_results.json", Map.of()),
                IamRequest.of("s3:DeleteObjectVersion", obj + "raw/snapshots/2026/01/01/a.json", Map.of()),
                IamRequest.of("s3:DeleteObject", obj + "curated/presence/dt=2026-01-01/part-0000.parquet", Map.of()),
                IamRequest.of("s3:PutObject", obj + "curated/presence/_manifests/dt=2026-01-01.json", Map.of()),
                IamRequest.of("s3:PutObject", "arn:aws:s3:::" + BUCKET + "/outside/raw/snapshots/x.json", Map.of()),
                IamRequest.of("s3:PutObject", "arn:aws:s3:::" + BUCKET + "/x.json", Map.of("s3:if-none-match", "*")),
                IamRequest.of("s3:GetObject", "arn:aws:s3:::" + BUCKET + "/outside/state/vod_queue.json", Map.of()),
                IamRequest.of("s3:GetObject", "arn:aws:s3:::" + OTHER_BUCKET + "/" + prefix + "raw/snapshots/x.json", Map.of()),
                IamRequest.of("s3:PutObject", "arn:aws:s3:::" + OTHER_BUCKET + "/" + prefix + "processed/x.json", Map.of()),
                IamRequest.of("s3:ListBucket", bucket, Map.of("s3:prefix", "outside/")),
                IamRequest.of("s3:ListBucket", bucket, Map.of()),
                IamRequest.of("s3:ListBucket", "arn:aws:s3:::" + OTHER_BUCKET, Map.of("s3:prefix", prefix)),
                IamRequest.of("s3:PutObject", obj + "state/daily_collection_state.json", Map.of()),
                IamRequest.of("s3:PutObject", obj + "state/vod_queue.json", Map.of()),
                IamRequest.of("s3:PutObjectAcl", obj + "processed/analysis_results.json", Map.of()),
                IamRequest.of("s3:PutBucketPolicy", bucket, Map.of()),
                IamRequest.of("s3:DeleteBucketPolicy", bucket, Map.of()),
                IamRequest.of("s3:PutBucketAcl", bucket, Map.of()),
                IamRequest.of("s3:PutLifecycleConfiguration", bucket, Map.of()),
                IamRequest.of("s3:PutBucketVersioning", bucket, Map.of()),
                IamRequest.of("s3:PutBucketPublicAccessBlock", bucket, Map.of()),
                IamRequest.of("s3:DeleteBucket", bucket, Map.of()),
                IamRequest.of("iam:CreateRole", "arn:aws:iam::" + IamPolicyEvaluator.ACCOUNT + ":role/x", Map.of()),
                IamRequest.of("iam:PutRolePolicy", "arn:aws:iam::" + IamPolicyEvaluator.ACCOUNT
                        + ":role/vieweratlas-collector", Map.of()),
                IamRequest.of("iam:AttachRolePolicy", "arn:aws:iam::" + IamPolicyEvaluator.ACCOUNT
                        + ":role/vieweratlas-analysis", Map.of()),
                IamRequest.of("iam:PassRole", "arn:aws:iam::" + IamPolicyEvaluator.ACCOUNT + ":role/vieweratlas-collector",
                        Map.of()));
    }

    @Test
    void forbiddenRequestsAreDeniedForEveryRole() throws Exception {
        List<String> allowed = new ArrayList<>();
        List<IamRequest> requests = forbidden();
        for (String role : List.of("collector", "analysis", "vod-collector")) {
            List<IamPolicyEvaluator.Decision> decisions = IamPolicyEvaluator.evaluate(policy(role), "vieweratlas-" + role,
                    requests);
            long denied = decisions.stream().filter(IamPolicyEvaluator.Decision::denied).count();
            System.out.println("FIGURES forbidden role=" + role + " tried=" + requests.size() + " denied=" + denied);
            decisions.stream().filter(d -> !d.denied())
                    .forEach(d -> allowed.add(role + ": " + d.decision() + " " + d.request() + " " + d.detail()));
        }
        assertEquals(List.of(), allowed, "forbidden requests a task role may make");
    }
}
