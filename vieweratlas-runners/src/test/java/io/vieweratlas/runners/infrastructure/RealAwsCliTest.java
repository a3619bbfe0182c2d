package io.vieweratlas.runners.infrastructure;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deploy scripts run with the real AWS CLI (Debian package {@code awscli}, /usr/bin/aws) against a
 * {@link LoopbackAwsEndpoint}: the CLI parses and validates every parameter, shorthand and JSON file
 * before it sends a request, so a call it would reject fails here. Each script's real run must make
 * exactly the calls its {@code --dry-run} prints, and a second bootstrap must change nothing.
 *
 * <p>The AWS CLI spends about a second of CPU importing itself on every call; so that a bootstrap's
 * sixty calls stay fast, the scripts' {@code aws} hands each command to one warm CLI process
 * (aws-cli-server.py: the Debian package's own driver, {@code awscli.clidriver}, with the caller's
 * environment and directory). {@link #deployThroughTheAwsExecutableItself()} runs /usr/bin/aws
 * directly, to show the two take the same calls.
 */
class RealAwsCliTest {
    private static final Path AWS_DIR = Path.of("..", "infrastructure", "aws").toAbsolutePath().normalize();
    private static final Path AWS_CLI = Path.of("/usr/bin/aws");
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    private static Path serverDir;
    private static Process server;

    @TempDir
    Path dir;
    private LoopbackAwsEndpoint endpoint;
    private final Map<String, String> env = new HashMap<>();

    record Outcome(int code, String out, String err) {
        List<String> printedCalls() {
            return out.lines().filter(l -> l.startsWith("aws ")).toList();
        }
    }

    @BeforeAll
    static void startCli() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(AWS_CLI),
                "the AWS CLI (Debian package awscli, /usr/bin/aws) is not installed: bin/test installs it as root");
        // A short path: Unix socket names are limited to about 100 bytes.
        serverDir = Files.createTempDirectory("awscli");
        Path script = install("aws-cli-server.py", serverDir.resolve("server.py"));
        server = new ProcessBuilder("/usr/bin/python3", script.toString(), serverDir.resolve("s").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String ready = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertEquals("ready", ready, "the warm AWS CLI did not start");
    }

    @AfterAll
    static void stopCli() throws IOException {
        if (server != null) {
            server.destroy();
        }
        if (serverDir != null) {
            try (var files = Files.list(serverDir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(serverDir);
        }
    }

    private static Path install(String resource, Path target) throws IOException {
        try (InputStream in = RealAwsCliTest.class.getResourceAsStream("/infrastructure/" + resource)) {
            Files.write(target, in.readAllBytes());
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        return target;
    }

    @BeforeEach
    void start() throws IOException {
        endpoint = LoopbackAwsEndpoint.start();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        install("fake-git", bin.resolve("git"));
        install("aws-cli-client", bin.resolve("aws"));
        env.put("AWS_CLI_SERVER_SOCKET", serverDir.resolve("s").toString());
        env.put("PATH", bin + ":/usr/bin:/bin");
        env.put("HOME", dir.toString());
        env.put("TMPDIR", Files.createDirectories(dir.resolve("tmp")).toString());
        env.put("FAKE_GIT_HEAD", SHA);
        // Dummy credentials, no config files, no retries, no pager: the CLI talks to the endpoint only.
        env.put("AWS_ENDPOINT_URL", endpoint.url());
        env.put("AWS_ACCESS_KEY_ID", "AKIDLOOPBACKTEST");
        env.put("AWS_SECRET_ACCESS_KEY", "loopback-test-secret");
        env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.put("AWS_PAGER", "");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("ACCOUNT_ID", "123456789012");
        env.put("ECS_CLUSTER", "vieweratlas");
        env.put("S3_BUCKET", "lake-bucket");
        env.put("S3_PREFIX", "vieweratlas/");
        env.put("TWITCH_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:vieweratlas/twitch-AbCdEf");
        env.put("PSEUDONYM_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:vieweratlas/pseudonym-key-AbCdEf");
        env.put("EXECUTION_ROLE_ARN", "arn:aws:iam::123456789012:role/vieweratlas-task-execution");
        env.put("TASK_ROLE_ARN_COLLECTOR", "arn:aws:iam::123456789012:role/vieweratlas-collector");
        env.put("TASK_ROLE_ARN_ANALYSIS", "arn:aws:iam::123456789012:role/vieweratlas-analysis");
        env.put("TASK_ROLE_ARN_VOD", "arn:aws:iam::123456789012:role/vieweratlas-vod-collector");
        env.put("SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/vieweratlas-scheduler");
        env.put("SUBNETS", "subnet-0123456789abcdef0,subnet-0fedcba9876543210");
        env.put("SECURITY_GROUPS", "sg-0123456789abcdef0");
        env.put("ASSIGN_PUBLIC_IP", "DISABLED");
        env.put("SNS_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:vieweratlas-alerts");
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private Outcome run(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", AWS_DIR.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), script + " did not finish");
        return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Runs the script for real, then as a dry run: the CLI accepted every call, and made each printed one once. */
    private List<String> runValidated(String script, String... args) throws Exception {
        endpoint.clear();
        Outcome real = run(script, args);
        assertEquals(0, real.code(), script + " with the real AWS CLI failed:\n" + real.err() + real.out()
                + "\nrequests: " + endpoint.requests());
        List<String> requests = endpoint.requests();
        List<String> dryArgs = new ArrayList<>(List.of(args));
        dryArgs.add("--dry-run");
        Outcome dry = run(script, dryArgs.toArray(String[]::new));
        assertEquals(0, dry.code(), dry.err());
        System.out.println("FIGURES aws-cli script=" + script + " calls-validated=" + requests.size() + " dry-run-printed="
                + dry.printedCalls().size());
        assertEquals(dry.printedCalls().size(), requests.size(), script + ": the dry run prints every call the real run"
                + " makes:\n" + String.join("\n", dry.printedCalls()) + "\nmade: " + requests);
        return requests;
    }

    @Test
    void deployRegistersEveryRoleAndUpdatesTheService() throws Exception {
        List<String> requests = runValidated("deploy.sh", "--tag", SHA);
        assertEquals(List.of("ecs RegisterTaskDefinition", "ecs UpdateService", "ecs RegisterTaskDefinition",
                "ecs RegisterTaskDefinition"), requests);
    }

    @Test
    void deployThroughTheAwsExecutableItself() throws Exception {
        Files.delete(dir.resolve("bin/aws"));
        List<String> requests = runValidated("deploy.sh", "--tag", SHA, "--role", "collector");
        assertEquals(List.of("ecs RegisterTaskDefinition", "ecs UpdateService"), requests);
    }

    @Test
    void safeDeployChecksDeploysAndWaitsWithTheRealWaiter() throws Exception {
        endpoint.exist("ecs:vieweratlas-collector");
        List<String> requests = runValidated("safe-deploy.sh", "--skip-tests", "--tag", SHA);
        assertEquals(List.of("ecr DescribeImages", "ecr DescribeImages", "ecr DescribeImages",
                "ecs DescribeTaskDefinition", "ecs DescribeTaskDefinition", "ecs DescribeTaskDefinition",
                "ecs DescribeServices", "ecs RegisterTaskDefinition", "ecs UpdateService", "ecs RegisterTaskDefinition",
                "ecs RegisterTaskDefinition", "ecs DescribeServices"), requests);
    }

    @Test
    void schedulesAreCreatedThenUpdatedWithoutChange() throws Exception {
        List<String> first = runValidated("create-schedules.sh");
        assertEquals(List.of("scheduler GetSchedule", "scheduler CreateSchedule", "scheduler GetSchedule",
                "scheduler CreateSchedule"), first);
        endpoint.clear();
        assertEquals(0, run("create-schedules.sh").code());
        assertEquals(List.of("scheduler GetSchedule", "scheduler UpdateSchedule", "scheduler GetSchedule",
                "scheduler UpdateSchedule"), endpoint.requests());
        assertEquals(List.of(), endpoint.changes(), "the same schedules again");
    }

    @Test
    void monitoringPutsEveryAlarmFileFiltersDashboardAndRule() throws Exception {
        List<String> requests = runValidated("apply-monitoring.sh");
        long alarms;
        try (var files = Files.list(AWS_DIR.resolve("monitoring/alarms"))) {
            alarms = files.filter(f -> f.toString().endsWith(".json")).count();
        }
        assertEquals(alarms, requests.stream().filter(r -> r.equals("monitoring PutMetricAlarm")).count());
        assertEquals(3, requests.stream().filter(r -> r.equals("logs PutMetricFilter")).count());
        assertTrue(requests.containsAll(List.of("monitoring PutDashboard", "events PutRule", "events PutTargets")), requests.toString());
    }

    @Test
    void smokeTestChecksEverythingWithTheRealCli() throws Exception {
        endpoint.exist("ecs:vieweratlas-collector");
        String fiveMinutesAgo = java.time.Instant.now().minusSeconds(300).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        endpoint.answer("s3 ListObjectsV2", "<ListBucketResult><Name>lake-bucket</Name><KeyCount>1</KeyCount>"
                + "<IsTruncated>false</IsTruncated><Contents><Key>vieweratlas/raw/snapshots/x.json</Key><LastModified>"
                + fiveMinutesAgo + "</LastModified><ETag>\"e\"</ETag><Size>10</Size></Contents></ListBucketResult>");
        List<String> requests = runValidated("smoke-test.sh");
        assertEquals(List.of("ecs DescribeServices", "ecs ListTasks", "ecs DescribeTasks", "s3 ListObjectsV2",
                "ecs RunTask", "ecs DescribeTasks", "ecs DescribeTasks", "s3 HeadObject", "logs FilterLogEvents",
                "logs FilterLogEvents", "logs FilterLogEvents"), requests);
    }

    @Test
    void bootstrapCreatesEverythingOnceAndASecondRunChangesNothing() throws Exception {
        List<String> first = runValidated("bootstrap.sh", "--tag", SHA);
        List<String> created = endpoint.creates();
        assertEquals(List.of("ecr CreateRepository", "ecr CreateRepository", "ecr CreateRepository", "s3 CreateBucket",
                "logs CreateLogGroup", "logs CreateLogGroup", "logs CreateLogGroup", "secretsmanager CreateSecret",
                "iam CreateRole", "iam CreateRole", "iam CreateRole", "iam CreateRole", "iam CreateRole",
                "ecs CreateCluster", "ecs CreateService", "scheduler CreateSchedule", "scheduler CreateSchedule",
                "budgets CreateBudget"), created);
        assertTrue(first.contains("s3 PutBucketLifecycle"), first.toString());
        assertTrue(first.contains("monitoring PutMetricAlarm"), first.toString());

        endpoint.clear();
        Outcome second = run("bootstrap.sh", "--tag", SHA);
        assertEquals(0, second.code(), second.err());
        System.out.println("FIGURES bootstrap second-run requests=" + endpoint.requests().size() + " changes="
                + endpoint.changes().size() + " " + endpoint.changes());
        assertEquals(List.of(), endpoint.changes(), "a second bootstrap changes nothing");
        assertTrue(second.out().contains("bootstrap done: 0 created"), second.out());
    }
}
