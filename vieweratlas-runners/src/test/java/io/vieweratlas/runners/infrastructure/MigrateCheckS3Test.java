package io.vieweratlas.runners.infrastructure;

import io.vieweratlas.runners.LoopbackS3;
import io.vieweratlas.s3.S3Clients;
import io.vieweratlas.s3.S3StoreSettings;
import org.gaul.s3proxy.S3Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code migrate-check} on an original installation whose lake is in S3 (its config's top-level
 * {@code storage_type: s3} and {@code s3_*} keys), against S3Proxy: the lake is found from the old
 * keys, reported like a directory lake, and only read (every request the child JVM sent is recorded
 * by {@link S3RequestLog}).
 */
class MigrateCheckS3Test {

    private static final String BUCKET = "original-lake";
    private static final String PREFIX = "vieweratlas/";
    private static final String ACCESS_KEY = "migrate-test-key";
    private static final String SECRET_KEY = "migrate-test-secret";
    private static final Set<String> READS = Set.of("HeadBucket", "ListObjectsV2", "GetObject", "HeadObject");

    private static S3Proxy proxy;
    private static URI endpoint;
    private static S3Client admin;

    @TempDir
    Path dir;

    @BeforeAll
    static void startS3() throws Exception {
        proxy = LoopbackS3.start(LoopbackS3.transientStore(), ACCESS_KEY, SECRET_KEY);
        endpoint = LoopbackS3.endpoint(proxy);
        admin = S3Clients.create(S3StoreSettings.builder(BUCKET, "us-east-1").endpoint(endpoint).pathStyle(true)
                .build(), StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
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

    @Test
    void findsTheLakeFromTheOriginalsS3KeysAndOnlyReadsIt() throws Exception {
        Path source = Path.of(MigrateCheckS3Test.class.getResource("/original-installation").toURI());
        try (Stream<Path> files = Files.walk(source.resolve("logs"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = PREFIX + source.resolve("logs").relativize(file).toString().replace('\\', '/');
                admin.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(file));
            }
        }
        List<String> before = keys();
        Path home = dir.resolve("twitchiobot");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/config.yaml"), Files.readString(source.resolve("config/config.yaml"))
                .replace("storage_type: \"file\"", "storage_type: \"s3\"\ns3_bucket: \"" + BUCKET + "\"\ns3_prefix: \""
                        + PREFIX + "\"\ns3_region: \"us-east-1\""));
        Path log = dir.resolve("s3-requests.jsonl");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        String javaExe = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(javaExe, "-cp", System.getProperty("java.class.path"),
                "-D" + S3RequestLog.FILE_PROPERTY + "=" + log, "io.vieweratlas.runners.cli.Main",
                "migrate-check", "--config", home.resolve("config/config.yaml").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("S3_")
                || k.equals("STORAGE_TYPE") || k.startsWith("VIEWERATLAS_") || k.equals("LOGS_DIR"));
        pb.environment().put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        pb.environment().put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        // the original had no endpoint setting: the loopback S3 is named by ViewerAtlas's own variables
        pb.environment().put("S3_ENDPOINT", endpoint.toString());
        pb.environment().put("S3_PATH_STYLE", "true");
        Process process = pb.start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "migrate-check did not finish");
        String text = Files.readString(out);
        assertEquals(0, process.exitValue(), Files.readString(err) + text);
        assertTrue(text.contains("lake:   s3://" + BUCKET + "/" + PREFIX), text);
        assertTrue(text.contains("live snapshot JSON: raw/snapshots/ [13]  2026-01-05 .. 2026-01-06 (2 days)"), text);
        assertTrue(text.contains("snapshots that load: live presence [14]"), text);
        assertTrue(text.contains("config key: s3_bucket -> storage.s3_bucket"), text);

        List<S3RequestLog.Request> requests = S3RequestLog.read(log);
        assertTrue(requests.stream().anyMatch(r -> r.operation().equals("GetObject")), requests.toString());
        List<S3RequestLog.Request> writes = requests.stream().filter(r -> !READS.contains(r.operation())).toList();
        assertEquals(List.of(), writes, "migrate-check sent requests that are not reads");
        assertEquals(before, keys());
    }

    private static List<String> keys() {
        return admin.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key).sorted()
                .toList();
    }
}
