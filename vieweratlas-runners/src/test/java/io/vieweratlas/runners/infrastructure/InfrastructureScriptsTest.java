package io.vieweratlas.runners.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deploy scripts of infrastructure/aws, run for real against a fake {@code aws} (and
 * {@code git}) first on PATH that records every call: what they call, in which order, with which
 * rendered files, what {@code --dry-run} prints, and that they refuse bad input.
 */
class InfrastructureScriptsTest {
    private static final Path AWS_DIR = Path.of("..", "infrastructure", "aws").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path fake;

    private final Map<String, String> env = new HashMap<>();

    record Outcome(int code, String out, String err) {
    }

    @BeforeEach
    void fakes() throws IOException {
        Path bin = Files.createDirectories(fake.resolve("bin"));
        install("fake-aws", bin.resolve("aws"));
        install("fake-git", bin.resolve("git"));
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("FAKE_DIR", fake.toString());
        env.put("FAKE_GIT_HEAD", SHA);
        env.put("TMPDIR", Files.createDirectories(fake.resolve("tmp")).toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("ACCOUNT_ID", "123456789012");
        env.put("ECS_CLUSTER", "vieweratlas");
        env.put("S3_BUCKET", "lake-bucket");
        env.put("S3_PREFIX", "vieweratlas/");
        env.put("TWITCH_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:vieweratlas/twitch-AbCdEf");
        env.put("PSEUDONYM_SECRET_ARN",
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:vieweratlas/pseudonym-key-AbCdEf");
        env.put("EXECUTION_ROLE_ARN", "arn:aws:iam::123456789012:role/exec");
        env.put("TASK_ROLE_ARN_COLLECTOR", "arn:aws:iam::123456789012:role/collector");
        env.put("TASK_ROLE_ARN_ANALYSIS", "arn:aws:iam::123456789012:role/analysis");
        env.put("TASK_ROLE_ARN_VOD", "arn:aws:iam::123456789012:role/vod");
        env.put("SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/scheduler");
        env.put("SUBNETS", "subnet-0123456789abcdef0,subnet-0fedcba9876543210");
        env.put("SECURITY_GROUPS", "sg-0123456789abcdef0");
        env.put("SNS_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:vieweratlas-alerts");
    }

    private static void install(String resource, Path target) throws IOException {
        try (InputStream in = InfrastructureScriptsTest.class.getResourceAsStream("/infrastructure/" + resource)) {
            Files.write(target, in.readAllBytes());
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Outcome run(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", AWS_DIR.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("TASK_ROLE") || k.startsWith("S3_")
                || k.startsWith("FAKE_") || k.equals("DRY_RUN"));
        pb.environment().putAll(env);
        pb.redirectErrorStream(false);
        Process p = pb.start();
        // Small outputs: read after exit is safe (pipe buffers are far larger than what the scripts print).
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), script + " did not finish");
        return new Outcome(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private List<String> calls() throws IOException {
        Path calls = fake.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private List<String> callsStartingWith(String prefix) throws IOException {
        return calls().stream().filter(c -> c.startsWith(prefix)).toList();
    }

    private JsonNode file(String prefix) throws IOException {
        try (var files = Files.list(fake.resolve("files"))) {
            Path f = files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow(
                    () -> new AssertionError("no recorded file " + prefix));
            String text = Files.readString(f);
            assertFalse(text.contains("${"), "unrendered placeholder in " + f + ":\n" + text);
            return JSON.readTree(text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy.sh", "safe-deploy.sh", "create-schedules.sh", "apply-monitoring.sh", "smoke-test.sh",
        "bootstrap.sh",
        "check-settings.sh"})
    void helpExitsZeroWithUsageAndCallsNothing(String script) throws Exception {
        Outcome o = run(script, "--help");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().startsWith("Usage: " + script), o.out());
        assertTrue(o.out().contains("--dry-run"), o.out());
        assertEquals(List.of(), calls());
        Outcome bad = run(script, "--no-such-flag");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("unknown argument: --no-such-flag"), bad.err());
    }

    @Test
    void deployRegistersEveryRoleAndUpdatesTheCollectorServiceWithTheNewRevision() throws Exception {
        Outcome o = run("deploy.sh", "--tag", SHA);
        assertEquals(0, o.code(), o.err());
        List<String> calls = calls();
        assertEquals(4, calls.size(), calls.toString());
        assertTrue(calls.get(0).startsWith("ecs register-task-definition --region us-east-1 --cli-input-json file://"));
        assertEquals("ecs update-service --region us-east-1 --cluster vieweratlas --service vieweratlas-collector "
                + "--task-definition arn:aws:ecs:us-east-1:123456789012:task-definition/vieweratlas-collector:7 "
                + "--query service.taskDefinition --output text", calls.get(1));
        assertEquals(3, callsStartingWith("ecs register-task-definition").size());

        JsonNode collector = file("vieweratlas-collector-");
        JsonNode container = collector.get("containerDefinitions").get(0);
        assertEquals("123456789012.dkr.ecr.us-east-1.amazonaws.com/vieweratlas-collector:" + SHA,
                container.get("image").asText());
        assertEquals("256", collector.get("cpu").asText());
        assertEquals("512", collector.get("memory").asText());
        assertEquals("arn:aws:iam::123456789012:role/collector", collector.get("taskRoleArn").asText());
        assertTrue(container.get("readonlyRootFilesystem").asBoolean());
        assertEquals(twitchSecret() + ":TWITCH_OAUTH_TOKEN::", container.get("secrets").get(0).get("valueFrom").asText());
        assertTrue(o.out().contains("deployed vieweratlas-vod-collector: arn:aws:ecs:us-east-1:123456789012:"
                + "task-definition/vieweratlas-vod-collector:7"), o.out());
    }

    private String twitchSecret() {
        return env.get("TWITCH_SECRET_ARN");
    }

    @Test
    void deployDryRunPrintsEveryCallAndMakesNone() throws Exception {
        Outcome o = run("deploy.sh", "--tag", SHA, "--role", "collector", "--dry-run");
        assertEquals(0, o.code(), o.err());
        assertEquals(List.of(), calls());
        List<String> printed = o.out().lines().filter(l -> l.startsWith("aws ")).toList();
        assertEquals(2, printed.size(), o.out());
        assertTrue(printed.get(0).matches("aws ecs register-task-definition --region us-east-1 --cli-input-json "
                + "file://\\S+vieweratlas-collector-\\S+ --query taskDefinition.taskDefinitionArn --output text"),
                printed.get(0));
        assertTrue(printed.get(1).startsWith("aws ecs update-service --region us-east-1 --cluster vieweratlas "
                + "--service vieweratlas-collector --task-definition vieweratlas-collector"), printed.get(1));
    }

    @Test
    void deployRefusesLatestNonShaTagsAndMissingSettings() throws Exception {
        Outcome latest = run("deploy.sh", "--tag", "latest");
        assertEquals(2, latest.code());
        assertTrue(latest.err().contains("refusing to deploy ':latest'"), latest.err());
        Outcome named = run("deploy.sh", "--tag", "v1.0");
        assertEquals(2, named.code());
        assertTrue(named.err().contains("'v1.0' is not a git commit SHA"), named.err());
        env.remove("S3_BUCKET");
        Outcome missing = run("deploy.sh", "--tag", SHA);
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("missing settings: S3_BUCKET"), missing.err());
        assertEquals(List.of(), calls());
    }

    @Test
    void deploySettingsComeFromAnEnvFile() throws Exception {
        String bucket = env.remove("S3_BUCKET");
        Path file = fake.resolve("deploy.env");
        Files.writeString(file, "# settings\nS3_BUCKET=" + bucket + "\n");
        Outcome o = run("deploy.sh", "--tag", SHA, "--role", "analysis", "--env", file.toString());
        assertEquals(0, o.code(), o.err());
        JsonNode analysis = file("vieweratlas-analysis-");
        assertEquals("lake-bucket", analysis.get("containerDefinitions").get(0).get("environment").get(1)
                .get("value").asText());
        assertEquals(List.of(), callsStartingWith("ecs update-service"), "only the collector is a service");
    }

    @Test
    void safeDeployChecksThenDeploysAndWaitsForTheService() throws Exception {
        env.put("VIEWERATLAS_TEST_COMMAND", "true");
        Outcome o = run("safe-deploy.sh");
        assertEquals(0, o.code(), o.err());
        List<String> kinds = calls().stream().map(c -> String.join(" ", List.of(c.split(" ")).subList(0, 2))).toList();
        assertEquals(List.of("ecr describe-images", "ecr describe-images", "ecr describe-images",
                "ecs describe-task-definition", "ecs describe-task-definition", "ecs describe-task-definition",
                "ecs describe-services", "ecs register-task-definition", "ecs update-service",
                "ecs register-task-definition", "ecs register-task-definition", "ecs wait"), kinds);
        assertTrue(calls().get(0).contains("--repository-name vieweratlas-collector --image-ids imageTag=" + SHA));
        assertTrue(o.out().contains("--- vieweratlas-collector: running container definition vs new"), o.out());
        assertTrue(o.out().contains("+  \"image\": \"123456789012.dkr.ecr.us-east-1.amazonaws.com/vieweratlas-collector:"
                + SHA + "\""), o.out());
        assertTrue(o.out().contains("safe deploy done: vieweratlas-collector is stable on " + SHA), o.out());
    }

    @Test
    void safeDeployStopsBeforeAnyAwsCallOnADirtyTreeOrRedTests() throws Exception {
        env.put("VIEWERATLAS_TEST_COMMAND", "true");
        env.put("FAKE_GIT_STATUS", " M pom.xml\n");
        Outcome dirty = run("safe-deploy.sh");
        assertEquals(1, dirty.code());
        assertTrue(dirty.err().contains("uncommitted changes") && dirty.err().contains("M pom.xml"), dirty.err());
        env.remove("FAKE_GIT_STATUS");
        env.put("VIEWERATLAS_TEST_COMMAND", "false");
        Outcome red = run("safe-deploy.sh");
        assertEquals(1, red.code());
        assertTrue(red.err().contains("tests failed; not deploying"), red.err());
        Outcome otherSha = run("safe-deploy.sh", "--skip-tests", "--tag", "fedcba9");
        assertEquals(1, otherSha.code());
        assertTrue(otherSha.err().contains("is not the checked-out commit"), otherSha.err());
        assertEquals(List.of(), calls());
    }

    @Test
    void safeDeployStopsWhenTheImageIsMissing() throws Exception {
        env.put("FAKE_NO_IMAGE", "1");
        Outcome o = run("safe-deploy.sh", "--skip-tests");
        assertEquals(1, o.code());
        assertTrue(o.err().contains("no image vieweratlas-collector:" + SHA + " in ECR"), o.err());
        assertEquals(List.of("ecr"), calls().stream().map(c -> c.split(" ")[0]).distinct().toList());
        assertEquals(List.of(), callsStartingWith("ecs register-task-definition"));
    }

    @Test
    void safeDeployRollsBackWhenTheServiceDoesNotBecomeStable() throws Exception {
        env.put("FAKE_UNSTABLE", "1");
        Outcome o = run("safe-deploy.sh", "--skip-tests", "--role", "collector");
        assertEquals(1, o.code());
        List<String> updates = callsStartingWith("ecs update-service");
        assertEquals(2, updates.size(), calls().toString());
        assertTrue(updates.get(0).contains("task-definition/vieweratlas-collector:7"), updates.get(0));
        assertTrue(updates.get(1).contains("task-definition/vieweratlas-collector:6"), updates.get(1));
        assertEquals(2, callsStartingWith("ecs wait services-stable").size());
        assertTrue(o.err().contains("rolled back to arn:aws:ecs:us-east-1:123456789012:task-definition/"
                + "vieweratlas-collector:6"), o.err());
    }

    @Test
    void safeDeployDryRunPrintsTheAwsCallsAndMakesNone() throws Exception {
        Outcome o = run("safe-deploy.sh", "--skip-tests", "--dry-run");
        assertEquals(0, o.code(), o.err());
        assertEquals(List.of(), calls());
        String out = o.out();
        assertTrue(out.contains("aws ecr describe-images --region us-east-1 --repository-name vieweratlas-analysis "
                + "--image-ids imageTag=" + SHA), out);
        assertEquals(3, out.lines().filter(l -> l.startsWith("aws ecs register-task-definition")).count(), out);
        assertTrue(out.contains("aws ecs wait services-stable --region us-east-1 --cluster vieweratlas "
                + "--services vieweratlas-collector"), out);
    }

    @Test
    void schedulesAreCreatedForAnalysisAt0300UtcAndVodEverySixHours() throws Exception {
        Outcome o = run("create-schedules.sh");
        assertEquals(0, o.code(), o.err());
        assertEquals(2, callsStartingWith("scheduler get-schedule").size(), "looks up each schedule first");
        List<String> creates = callsStartingWith("scheduler create-schedule");
        assertEquals(2, creates.size(), calls().toString());
        assertTrue(creates.get(0).contains("--name vieweratlas-analysis --schedule-expression cron(0 3 * * ? *) "
                + "--schedule-expression-timezone UTC --flexible-time-window Mode=OFF --state ENABLED"), creates.get(0));
        assertTrue(creates.get(1).contains("--name vieweratlas-vod-collector --schedule-expression rate(6 hours)"));
        JsonNode target = JSON.readTree(creates.get(0).substring(creates.get(0).indexOf("--target ") + 9));
        assertEquals("arn:aws:ecs:us-east-1:123456789012:cluster/vieweratlas", target.get("Arn").asText());
        assertEquals("arn:aws:ecs:us-east-1:123456789012:task-definition/vieweratlas-analysis",
                target.get("EcsParameters").get("TaskDefinitionArn").asText());
        assertEquals(List.of("subnet-0123456789abcdef0", "subnet-0fedcba9876543210"), JSON.convertValue(target.get("EcsParameters")
                .get("NetworkConfiguration").get("awsvpcConfiguration").get("Subnets"), List.class));
        assertTrue(o.out().contains("schedule vieweratlas-analysis: cron(0 3 * * ? *) (created)"), o.out());

        Outcome dry = run("create-schedules.sh", "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertEquals(2, dry.out().lines().filter(l -> l.startsWith("aws scheduler create-schedule")).count(), dry.out());
        assertEquals(2, dry.out().lines().filter(l -> l.startsWith("aws scheduler get-schedule --region us-east-1 --name "
                + "vieweratlas-")).count(), dry.out());
        assertEquals(4, calls().size(), "the dry run made no call");
    }

    @Test
    void monitoringPutsFiltersAlarmsWiredToSnsDashboardAndTaskFailureRule() throws Exception {
        Outcome o = run("apply-monitoring.sh");
        assertEquals(0, o.code(), o.err());
        assertEquals(3, callsStartingWith("logs put-metric-filter").size());
        assertTrue(calls().contains("logs put-metric-filter --region us-east-1 --log-group-name /vieweratlas/collector "
                + "--cli-input-json file://" + AWS_DIR.resolve("monitoring/error-metric-filter.json")), calls().toString());
        long alarmFiles;
        try (var files = Files.list(AWS_DIR.resolve("monitoring/alarms"))) {
            alarmFiles = files.filter(f -> f.toString().endsWith(".json")).count();
        }
        assertEquals(alarmFiles, callsStartingWith("cloudwatch put-metric-alarm").size(), "one alarm per file");
        JsonNode notRunning = file("vieweratlas-collector-not-running");
        assertEquals("RunningTaskCount", notRunning.get("MetricName").asText());
        assertEquals("vieweratlas", notRunning.get("Dimensions").get(0).get("Value").asText());
        assertEquals("breaching", notRunning.get("TreatMissingData").asText());
        JsonNode coverage = file("vieweratlas-coverage-low");
        assertEquals("CoverageBelowTarget", coverage.get("MetricName").asText());
        assertEquals(2, coverage.get("DatapointsToAlarm").asInt(), "two windows in a row");
        JsonNode noSnapshots = file("vieweratlas-no-snapshots-2h");
        assertEquals("SnapshotsWritten", noSnapshots.get("MetricName").asText());
        assertEquals(7200, noSnapshots.get("Period").asInt() * noSnapshots.get("EvaluationPeriods").asInt());
        assertEquals("breaching", noSnapshots.get("TreatMissingData").asText());
        assertEquals(env.get("SNS_TOPIC_ARN"), noSnapshots.get("AlarmActions").get(0).asText());
        assertEquals("us-east-1", file("dashboard").get("widgets").get(0).get("properties").get("region").asText());
        assertEquals(1, callsStartingWith("events put-rule --region us-east-1 --name vieweratlas-task-failed").size());
        assertEquals(List.of("events put-targets --region us-east-1 --rule vieweratlas-task-failed --targets Id=sns,Arn="
                + env.get("SNS_TOPIC_ARN")), callsStartingWith("events put-targets"));
    }

    @Test
    void bootstrapDryRunPrintsEveryCreateAndMakesNoCall() throws Exception {
        Outcome o = run("bootstrap.sh", "--tag", SHA, "--dry-run");
        assertEquals(0, o.code(), o.err());
        assertEquals(List.of(), calls());
        List<String> printed = o.out().lines().filter(l -> l.startsWith("aws ")).toList();
        for (String call : List.of("aws ecr create-repository", "aws s3api create-bucket", "aws s3api put-public-access-block",
                "aws s3api put-bucket-versioning", "aws s3api put-bucket-encryption",
                "aws s3api put-bucket-lifecycle-configuration", "aws logs create-log-group", "aws logs put-retention-policy",
                "aws secretsmanager create-secret", "aws iam create-role", "aws iam put-role-policy", "aws ecs create-cluster",
                "aws ecs create-service", "aws scheduler create-schedule", "aws cloudwatch put-metric-alarm",
                "aws budgets create-budget")) {
            assertTrue(printed.stream().anyMatch(l -> l.startsWith(call)), call + " not printed:\n" + o.out());
        }
        assertTrue(printed.stream().anyMatch(l -> l.contains("vieweratlas-collector-not-running.json")), o.out());
        assertFalse(o.out().contains("VIEWERATLAS_PSEUDONYM_KEY\":"), "no key material");

        JsonNode lifecycle = JSON.readTree(AWS_DIR.resolve("s3/lifecycle.json").toFile());
        assertEquals(7, lifecycle.get("Rules").get(2).get("AbortIncompleteMultipartUpload").get("DaysAfterInitiation").asInt());
        assertEquals(400, lifecycle.get("Rules").get(0).get("Expiration").get("Days").asInt());
        assertEquals("${S3_PREFIX}raw/", lifecycle.get("Rules").get(0).get("Filter").get("Prefix").asText());
    }

    @Test
    void smokeTestChecksServiceHeartbeatSnapshotAnalysisAndLogs() throws Exception {
        Outcome o = run("smoke-test.sh");
        assertEquals(0, o.code(), o.err());
        List<String> calls = calls();
        List<String> kinds = calls.stream().map(c -> String.join(" ", List.of(c.split(" ")).subList(0, 2))).toList();
        assertEquals(List.of("ecs describe-services", "ecs list-tasks", "ecs describe-tasks", "s3api list-objects-v2",
                "ecs run-task", "ecs wait", "ecs describe-tasks", "s3api head-object", "logs filter-log-events",
                "logs filter-log-events", "logs filter-log-events"), kinds);
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString().replace('-', '/');
        assertTrue(calls.get(3).contains("--bucket lake-bucket --prefix vieweratlas/raw/snapshots/" + today + "/"),
                calls.get(3));
        assertTrue(calls.get(4).startsWith("ecs run-task --region us-east-1 --cluster vieweratlas --launch-type FARGATE "
                + "--task-definition vieweratlas-analysis --network-configuration awsvpcConfiguration={subnets=[subnet-0123456789abcdef0,"
                + "subnet-0fedcba9876543210],securityGroups=[sg-0123456789abcdef0],assignPublicIp=DISABLED}"), calls.get(4));
        assertTrue(calls.get(5).startsWith("ecs wait tasks-stopped") && calls.get(5).endsWith("task/vieweratlas/0123abcd"));
        assertTrue(calls.get(7).contains("--key vieweratlas/processed/analysis_results.json --query LastModified"));
        assertTrue(calls.get(8).contains("--log-group-name /vieweratlas/collector") && calls.get(8).contains("ERROR"));
        assertTrue(o.out().contains("smoke test passed"), o.out());
    }

    @Test
    void smokeTestNamesTheRunbookSectionOfEveryFailure() throws Exception {
        env.put("FAKE_SERVICE", "ACTIVE\t0\t1");
        env.put("FAKE_HEALTH", "UNHEALTHY");
        env.put("FAKE_SNAPSHOT_AGE_S", String.valueOf(3 * 3600 + 30));
        env.put("FAKE_RESULTS_AGE_S", String.valueOf(3600));
        env.put("FAKE_LOG_ERRORS", "lake write failed");
        Outcome o = run("smoke-test.sh");
        assertEquals(1, o.code(), o.out());
        for (String section : List.of("#collector-not-running", "#collector-unhealthy", "#no-snapshots",
                "#analysis-missing", "#error-rate")) {
            assertTrue(o.err().contains("docs/RUNBOOK.md" + section), section + ":\n" + o.err());
        }
        assertTrue(o.err().contains("newest snapshot is 180 minutes old (limit 120)")
                || o.err().contains("newest snapshot is 181 minutes old (limit 120)"), o.err());
        assertTrue(o.err().contains("is older than the analysis run"), o.err());
        assertTrue(o.err().contains("lake write failed"), o.err());
    }

    @Test
    void settingsCheckNamesEveryBadOrMissingSettingWithoutPrintingAnyValue() throws Exception {
        env.put("ASSIGN_PUBLIC_IP", "ENABLED");
        Outcome ok = run("check-settings.sh");
        assertEquals(0, ok.code(), ok.out());
        assertEquals(16, ok.out().lines().filter(l -> l.endsWith(": ok")).count(), ok.out());

        env.put("S3_PREFIX", "no-trailing-slash");
        env.put("SUBNETS", "subnet-1");
        env.remove("SNS_TOPIC_ARN");
        Outcome bad = run("check-settings.sh");
        assertEquals(1, bad.code());
        assertTrue(bad.out().contains("S3_PREFIX: bad shape (expected empty or a key prefix ending in /)"), bad.out());
        assertTrue(bad.out().contains("SUBNETS: bad shape"), bad.out());
        assertTrue(bad.out().contains("SNS_TOPIC_ARN: missing"), bad.out());
        for (String value : List.of("no-trailing-slash", "subnet-1", "123456789012", "lake-bucket", "secret:")) {
            assertFalse(bad.out().contains(value) || bad.err().contains(value), "printed a value: " + value);
        }
        assertEquals(List.of(), calls());
    }

    private int healthcheck(Map<String, String> extra) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", AWS_DIR.resolveSibling("docker").resolve("healthcheck.sh").toString());
        pb.environment().putAll(extra);
        Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue();
    }

    @Test
    void containerHealthCheckFollowsTheCollectorHeartbeat() throws Exception {
        Path heartbeat = Files.createFile(fake.resolve("heartbeat"));
        Map<String, String> collector = Map.of("VIEWERATLAS_ROLE", "collector", "VIEWERATLAS_HEARTBEAT_FILE",
                heartbeat.toString(), "HEALTH_MAX_AGE_S", "600");
        assertEquals(0, healthcheck(collector), "fresh heartbeat");
        Files.setLastModifiedTime(heartbeat, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minusSeconds(601)));
        assertEquals(1, healthcheck(collector), "heartbeat older than HEALTH_MAX_AGE_S");
        assertEquals(0, healthcheck(Map.of("VIEWERATLAS_ROLE", "analysis")), "batch roles: healthy while the container runs");
    }

    @Test
    void smokeTestDryRunPrintsItsCalls() throws Exception {
        Outcome o = run("smoke-test.sh", "--dry-run");
        assertEquals(0, o.code(), o.err());
        assertEquals(List.of(), calls());
        assertEquals(List.of("aws ecs describe-services", "aws ecs list-tasks", "aws ecs describe-tasks",
                "aws s3api list-objects-v2", "aws ecs run-task", "aws ecs wait",
                "aws ecs describe-tasks", "aws s3api head-object", "aws logs filter-log-events", "aws logs filter-log-events",
                "aws logs filter-log-events"), o.out().lines().filter(l -> l.startsWith("aws "))
                .map(l -> String.join(" ", List.of(l.split(" ")).subList(0, 3))).toList());
    }
}
