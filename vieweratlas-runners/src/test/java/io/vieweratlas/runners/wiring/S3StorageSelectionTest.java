package io.vieweratlas.runners.wiring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * STORAGE_TYPE=s3 selects the S3 store from the environment, and an unreachable or misconfigured
 * bucket stops the command at start with a message naming bucket and action (run as a child
 * process so the environment is real).
 */
class S3StorageSelectionTest {

    @TempDir
    Path workDir;

    private record Outcome(int code, String err) {
    }

    private Outcome run(Map<String, String> env, String... args) throws Exception {
        String javaExe = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<>(List.of(javaExe, "-cp", System.getProperty("java.class.path"),
                "io.vieweratlas.runners.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("S3_") || k.equals("STORAGE_TYPE"));
        // Static test credentials and no instance metadata: the SDK must not look beyond loopback.
        pb.environment().put("AWS_ACCESS_KEY_ID", "test-key");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test-secret-value");
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "command did not finish");
        return new Outcome(p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void unreachableBucketStopsAtStartNamingBucketAndAction() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Outcome o = run(Map.of("STORAGE_TYPE", "s3", "S3_BUCKET", "atlas-test-bucket", "S3_PREFIX", "lake/",
                "S3_REGION", "eu-west-1", "S3_ENDPOINT", "http://127.0.0.1:" + closedPort, "S3_PATH_STYLE", "true"),
                "analyze", "--out", workDir.resolve("out").toString());
        assertEquals(1, o.code(), o.err());
        assertTrue(o.err().contains("atlas-test-bucket"), o.err());
        assertTrue(o.err().contains("ListObjectsV2"), o.err());
        assertFalse(o.err().contains("test-secret-value"), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    }

    @Test
    void s3WithoutBucketIsAConfigError() throws Exception {
        Outcome o = run(Map.of("STORAGE_TYPE", "s3"), "analyze");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("s3_bucket"), o.err());
    }
}
