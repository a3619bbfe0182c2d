package io.vieweratlas.runners.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback endpoint the real AWS CLI talks to ({@code --endpoint-url}, dummy credentials): it
 * records every request as {@code service Operation} and answers plausibly, so the CLI itself
 * validates every parameter, shorthand and JSON file the scripts pass before anything is sent.
 *
 * <p>The service is read from the SigV4 credential scope of the {@code Authorization} header (its
 * signing name: CloudWatch signs as {@code monitoring}). The
 * wire protocols follow the AWS service models: JSON 1.1 (ECS, ECR, CloudWatch Logs, EventBridge,
 * Secrets Manager, Budgets) name the operation in {@code X-Amz-Target}; the query protocol
 * (CloudWatch, IAM, STS, SNS) in the form field {@code Action} and answer XML; EventBridge Scheduler
 * is REST-JSON ({@code GET|POST|PUT /schedules/NAME}); S3 is REST-XML, path-style on an IP endpoint.
 * (https://smithy.io/2.0/aws/protocols/index.html). It remembers what was created, so an
 * existence check after a create finds the resource, as on AWS, and a second bootstrap sees its
 * first run's work.
 */
final class LoopbackAwsEndpoint implements AutoCloseable {

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/[^/]+/([^/]+)/aws4_request");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final Set<String> CREATES = Set.of("ecr CreateRepository", "s3 CreateBucket",
            "logs CreateLogGroup", "iam CreateRole", "ecs CreateCluster", "ecs CreateService",
            "scheduler CreateSchedule", "secretsmanager CreateSecret", "budgets CreateBudget", "sns CreateTopic");

    private final HttpServer server;
    private final List<String> requests = new ArrayList<>();
    private final List<String> changes = new ArrayList<>();
    private final Set<String> applied = new java.util.HashSet<>();
    private final Set<String> existing = ConcurrentHashMap.newKeySet();
    /** Answers overriding the defaults, by "service Operation". */
    private final Map<String, String> answers = new ConcurrentHashMap<>();

    private LoopbackAwsEndpoint(HttpServer server) {
        this.server = server;
    }

    static LoopbackAwsEndpoint start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LoopbackAwsEndpoint endpoint = new LoopbackAwsEndpoint(server);
        server.createContext("/", endpoint::handle);
        server.start();
        return endpoint;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    synchronized void clear() {
        requests.clear();
        changes.clear();
    }

    /**
     * Requests that changed state: every create and task-definition registration, and every other
     * write whose exact input (operation, resource, body without idempotency tokens) was not applied
     * before. Putting the same settings again changes nothing, as on AWS.
     */
    synchronized List<String> changes() {
        return List.copyOf(changes);
    }

    /** Marks a resource as existing, e.g. {@code ecs:vieweratlas-collector}. */
    void exist(String resource) {
        existing.add(resource);
    }

    /** Answer {@code operation} ("service Operation") with this body from now on. */
    void answer(String operation, String body) {
        answers.put(operation, body);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            Matcher m = SCOPE.matcher(auth == null ? "" : auth);
            String service = m.find() ? m.group(1) : "unsigned";
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String text = new String(body, StandardCharsets.UTF_8);
            if (target != null) {
                String op = target.substring(target.lastIndexOf('.') + 1);
                JsonNode input = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
                record(service + " " + op, canonical(input));
                switch (service + " " + op) {
                    // What a create sets is the state the matching update would set: the same update later changes nothing.
                    case "ecs CreateCluster" -> alsoApplied("ecs UpdateClusterSettings", canonical(JSON.createObjectNode()
                            .put("cluster", input.path("clusterName").asText()).set("settings", input.path("settings"))));
                    case "budgets CreateBudget" -> alsoApplied("budgets UpdateBudget", canonical(JSON.createObjectNode()
                            .put("AccountId", input.path("AccountId").asText()).set("NewBudget", input.path("Budget"))));
                    default -> { }
                }
                json(exchange, service, op, input);
            } else if (text.contains("Action=")) {
                Map<String, String> form = form(text);
                String op = form.get("Action");
                record(service + " " + op, new java.util.TreeMap<>(form).toString());
                if (op.equals("CreateRole")) {
                    Map<String, String> update = new java.util.TreeMap<>(Map.of("Action", "UpdateAssumeRolePolicy",
                            "RoleName", form.get("RoleName"), "PolicyDocument", form.get("AssumeRolePolicyDocument"),
                            "Version", form.getOrDefault("Version", "")));
                    alsoApplied("iam UpdateAssumeRolePolicy", update.toString());
                }
                query(exchange, service, op, form);
            } else if (service.equals("scheduler")) {
                scheduler(exchange, exchange.getRequestMethod(), exchange.getRequestURI().getPath(), text);
            } else if (service.equals("s3")) {
                s3(exchange, exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(), text);
            } else {
                record(service + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
                send(exchange, 400, "application/json", "{\"message\":\"unknown request\"}");
            }
        }
    }

    private synchronized void record(String request) {
        record(request, "");
    }

    private synchronized void record(String request, String input) {
        requests.add(request);
        String op = request.substring(request.indexOf(' ') + 1);
        if (op.matches("(Describe|Get|List|Head|Filter)\\w*")) {
            return;
        }
        String signature = request + "\n" + input;
        if (CREATES.contains(request) || op.equals("RegisterTaskDefinition") || applied.add(signature)) {
            changes.add(request);
        }
    }

    private synchronized void alsoApplied(String request, String input) {
        applied.add(request + "\n" + input);
    }

    /** JSON with sorted keys and without idempotency tokens: equal inputs give equal text. */
    private static String canonical(JsonNode node) {
        try {
            Object tree = JSON.treeToValue(node, Object.class);
            if (tree instanceof Map<?, ?> map) {
                map.remove("ClientToken");
                map.remove("clientToken");
            }
            return CANONICAL.writeValueAsString(tree);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The create requests among those recorded. */
    List<String> creates() {
        return requests().stream().filter(CREATES::contains).toList();
    }

    private static Map<String, String> form(String text) {
        Map<String, String> out = new HashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private void json(HttpExchange exchange, String service, String op, JsonNode in) throws IOException {
        String key = service + " " + op;
        if (answers.containsKey(key)) {
            send(exchange, 200, "application/x-amz-json-1.1", answers.get(key));
            return;
        }
        String name = firstText(in, "repositoryName", "logGroupName", "clusterName", "serviceName", "Name",
                "SecretId", "family");
        switch (key) {
            case "ecr CreateRepository", "logs CreateLogGroup", "ecs CreateCluster", "ecs CreateService",
                 "secretsmanager CreateSecret" -> {
                existing.add(service + ":" + name);
                send(exchange, 200, "application/x-amz-json-1.1", "{\"ARN\":\"arn:aws:" + service + ":us-east-1:123456789012:"
                        + name + "\"}");
            }
            case "budgets CreateBudget" -> {
                existing.add("budgets:" + in.path("Budget").path("BudgetName").asText());
                send(exchange, 200, "application/x-amz-json-1.1", "{}");
            }
            case "ecr DescribeRepositories" -> {
                String repo = in.path("repositoryNames").path(0).asText();
                if (existing.contains("ecr:" + repo)) {
                    send(exchange, 200, "application/x-amz-json-1.1", "{\"repositories\":[{\"repositoryName\":\"" + repo + "\"}]}");
                } else {
                    error(exchange, "RepositoryNotFoundException", "The repository does not exist");
                }
            }
            case "ecr DescribeImages" -> send(exchange, 200, "application/x-amz-json-1.1",
                    "{\"imageDetails\":[{\"imageDigest\":\"sha256:0000\"}]}");
            case "logs DescribeLogGroups" -> {
                String prefix = in.path("logGroupNamePrefix").asText();
                send(exchange, 200, "application/x-amz-json-1.1", existing.contains("logs:" + prefix)
                        ? "{\"logGroups\":[{\"logGroupName\":\"" + prefix + "\",\"retentionInDays\":30}]}" : "{\"logGroups\":[]}");
            }
            case "logs FilterLogEvents" -> send(exchange, 200, "application/x-amz-json-1.1", "{\"events\":[]}");
            case "ecs DescribeClusters" -> {
                String cluster = in.path("clusters").path(0).asText();
                send(exchange, 200, "application/x-amz-json-1.1", existing.contains("ecs:" + cluster)
                        ? "{\"clusters\":[{\"clusterName\":\"" + cluster + "\",\"status\":\"ACTIVE\"}],\"failures\":[]}"
                        : "{\"clusters\":[],\"failures\":[{\"reason\":\"MISSING\"}]}");
            }
            case "ecs DescribeServices" -> {
                String svc = in.path("services").path(0).asText();
                boolean known = existing.contains("ecs:" + svc);
                send(exchange, 200, "application/x-amz-json-1.1", known
                        ? "{\"services\":[{\"serviceName\":\"" + svc + "\",\"status\":\"ACTIVE\",\"taskDefinition\":"
                        + "\"arn:aws:ecs:us-east-1:123456789012:task-definition/vieweratlas-collector:6\",\"desiredCount\":1,"
                        + "\"runningCount\":1,\"deployments\":[{\"status\":\"PRIMARY\",\"desiredCount\":1,\"runningCount\":1}]}],"
                        + "\"failures\":[]}"
                        : "{\"services\":[],\"failures\":[{\"arn\":\"" + svc + "\",\"reason\":\"MISSING\"}]}");
            }
            case "ecs RegisterTaskDefinition" -> send(exchange, 200, "application/x-amz-json-1.1",
                    "{\"taskDefinition\":{\"taskDefinitionArn\":\"arn:aws:ecs:us-east-1:123456789012:task-definition/"
                            + name + ":7\",\"family\":\"" + name + "\",\"revision\":7}}");
            case "ecs DescribeTaskDefinition" -> send(exchange, 200, "application/x-amz-json-1.1",
                    "{\"taskDefinition\":{\"containerDefinitions\":[{\"name\":\"c\",\"image\":\"old\"}]}}");
            case "ecs UpdateService" -> send(exchange, 200, "application/x-amz-json-1.1",
                    "{\"service\":{\"taskDefinition\":\"" + in.path("taskDefinition").asText() + "\"}}");
            case "ecs RunTask" -> send(exchange, 200, "application/x-amz-json-1.1",
                    "{\"tasks\":[{\"taskArn\":\"arn:aws:ecs:us-east-1:123456789012:task/vieweratlas/0123abcd\","
                            + "\"lastStatus\":\"PROVISIONING\"}],\"failures\":[]}");
            case "ecs DescribeTasks" -> send(exchange, 200, "application/x-amz-json-1.1",
                    "{\"tasks\":[{\"taskArn\":\"arn:aws:ecs:us-east-1:123456789012:task/vieweratlas/0123abcd\","
                            + "\"lastStatus\":\"STOPPED\",\"healthStatus\":\"HEALTHY\",\"startedAt\":" + (System.currentTimeMillis() / 1000 - 60)
                            + ",\"stoppedAt\":" + System.currentTimeMillis() / 1000
                            + ",\"containers\":[{\"name\":\"vieweratlas-analysis\",\"exitCode\":0}]}],\"failures\":[]}");
            case "ecs ListTasks" -> send(exchange, 200, "application/x-amz-json-1.1",
                    "{\"taskArns\":[\"arn:aws:ecs:us-east-1:123456789012:task/vieweratlas/0123abcd\"]}");
            case "secretsmanager DescribeSecret" -> {
                if (existing.contains("secretsmanager:" + name)) {
                    send(exchange, 200, "application/x-amz-json-1.1", "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:"
                            + "123456789012:secret:" + name + "-AbCdEf\",\"Name\":\"" + name + "\"}");
                } else {
                    error(exchange, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
                }
            }
            case "budgets DescribeBudget" -> {
                if (existing.contains("budgets:" + in.path("BudgetName").asText())) {
                    send(exchange, 200, "application/x-amz-json-1.1", "{\"Budget\":{\"BudgetName\":\""
                            + in.path("BudgetName").asText() + "\",\"BudgetLimit\":{\"Amount\":\"50\",\"Unit\":\"USD\"},"
                            + "\"TimeUnit\":\"MONTHLY\",\"BudgetType\":\"COST\"}}");
                } else {
                    error(exchange, "NotFoundException", "Unable to get budget");
                }
            }
            case "events PutRule" -> send(exchange, 200, "application/x-amz-json-1.1",
                    "{\"RuleArn\":\"arn:aws:events:us-east-1:123456789012:rule/" + name + "\"}");
            case "events PutTargets" -> send(exchange, 200, "application/x-amz-json-1.1",
                    "{\"FailedEntryCount\":0,\"FailedEntries\":[]}");
            default -> send(exchange, 200, "application/x-amz-json-1.1", "{}");
        }
    }

    private static String firstText(JsonNode in, String... fields) {
        for (String f : fields) {
            if (in.hasNonNull(f) && in.get(f).isTextual()) {
                return in.get(f).asText();
            }
        }
        return "";
    }

    private static void error(HttpExchange exchange, String type, String message) throws IOException {
        exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
        send(exchange, 400, "application/x-amz-json-1.1", "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    private void query(HttpExchange exchange, String service, String op, Map<String, String> form) throws IOException {
        String result = "";
        switch (service + " " + op) {
            case "iam CreateRole" -> {
                existing.add("iam:" + form.get("RoleName"));
                result = "<Role><RoleName>" + form.get("RoleName") + "</RoleName><Arn>arn:aws:iam::123456789012:role/"
                        + form.get("RoleName") + "</Arn><RoleId>AROAFAKE</RoleId><Path>/</Path>"
                        + "<CreateDate>2026-01-01T00:00:00Z</CreateDate></Role>";
            }
            case "iam GetRole" -> {
                if (!existing.contains("iam:" + form.get("RoleName"))) {
                    exchange.getResponseHeaders().add("Content-Type", "text/xml");
                    send(exchange, 404, "text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code>"
                            + "<Message>The role cannot be found.</Message></Error><RequestId>r</RequestId></ErrorResponse>");
                    return;
                }
                result = "<Role><RoleName>" + form.get("RoleName") + "</RoleName><Arn>arn:aws:iam::123456789012:role/"
                        + form.get("RoleName") + "</Arn><RoleId>AROAFAKE</RoleId><Path>/</Path>"
                        + "<CreateDate>2026-01-01T00:00:00Z</CreateDate></Role>";
            }
            case "sts GetCallerIdentity" -> result = "<Account>123456789012</Account><Arn>arn:aws:iam::123456789012:user/op"
                    + "</Arn><UserId>AIDAFAKE</UserId>";
            case "sns CreateTopic" -> result = "<TopicArn>arn:aws:sns:us-east-1:123456789012:" + form.get("Name") + "</TopicArn>";
            case "cloudwatch DescribeAlarms" -> result = "<MetricAlarms/>";
            default -> result = "";
        }
        send(exchange, 200, "text/xml", "<" + op + "Response><" + op + "Result>" + result + "</" + op + "Result>"
                + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></" + op + "Response>");
    }

    private void scheduler(HttpExchange exchange, String method, String path, String body) throws IOException {
        String name = path.substring(path.lastIndexOf('/') + 1);
        switch (method) {
            case "GET" -> {
                record("scheduler GetSchedule");
                if (existing.contains("scheduler:" + name)) {
                    send(exchange, 200, "application/json", "{\"Name\":\"" + name + "\",\"Arn\":\"arn:aws:scheduler:us-east-1:"
                            + "123456789012:schedule/default/" + name + "\",\"State\":\"ENABLED\"}");
                } else {
                    exchange.getResponseHeaders().add("x-amzn-ErrorType", "ResourceNotFoundException");
                    send(exchange, 404, "application/json", "{\"Message\":\"Schedule " + name + " does not exist.\"}");
                }
            }
            case "POST", "PUT" -> {
                // Create and update set the same state: what counts is the schedule's definition.
                String request = method.equals("POST") ? "scheduler CreateSchedule" : "scheduler UpdateSchedule";
                String definition = path + "\n" + body.replaceAll("\"ClientToken\"\\s*:\\s*\"[^\"]*\",?", "");
                synchronized (this) {
                    requests.add(request);
                    if (applied.add("scheduler schedule " + definition) || method.equals("POST")) {
                        changes.add(request);
                    }
                }
                existing.add("scheduler:" + name);
                send(exchange, 200, "application/json", "{\"ScheduleArn\":\"arn:aws:scheduler:us-east-1:123456789012:"
                        + "schedule/default/" + name + "\"}");
            }
            default -> send(exchange, 400, "application/json", "{}");
        }
    }

    private void s3(HttpExchange exchange, String method, String path, String query, String body) throws IOException {
        String[] parts = path.substring(1).split("/", 2);
        String bucket = parts[0];
        String sub = query == null ? "" : query.replaceAll("=.*", "");
        String op;
        if (parts.length > 1 && !parts[1].isEmpty()) {
            op = method.equals("HEAD") ? "HeadObject" : method.equals("GET") ? "GetObject" : method + "Object";
        } else if (method.equals("HEAD")) {
            op = "HeadBucket";
        } else if (method.equals("GET") && sub.startsWith("list-type")) {
            op = "ListObjectsV2";
        } else {
            op = switch (method) {
                case "PUT" -> sub.isEmpty() ? "CreateBucket" : "PutBucket" + capital(sub);
                case "GET" -> "GetBucket" + capital(sub);
                default -> method + "Bucket" + capital(sub);
            };
        }
        record("s3 " + op, path + "?" + query + "\n" + body);
        switch (op) {
            case "CreateBucket" -> {
                existing.add("s3:" + bucket);
                send(exchange, 200, "application/xml", "");
            }
            case "HeadBucket" -> send(exchange, existing.contains("s3:" + bucket) ? 200 : 404, null, null);
            case "HeadObject" -> {
                exchange.getResponseHeaders().add("ETag", "\"etag-" + System.nanoTime() + "\"");
                exchange.getResponseHeaders().add("Last-Modified", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                        .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)));
                send(exchange, 200, null, null);
            }
            case "ListObjectsV2" -> send(exchange, 200, "application/xml",
                    answers.getOrDefault("s3 ListObjectsV2", "<ListBucketResult><Name>" + bucket
                            + "</Name><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>"));
            default -> send(exchange, 200, "application/xml", "");
        }
    }

    private static String capital(String s) {
        if (s.isEmpty()) {
            return "";
        }
        String[] words = s.split("-");
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            b.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return b.toString();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        if (body == null) {
            exchange.getResponseHeaders().add("Content-Length", "0");
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("x-amzn-RequestId", "r");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
