package io.vieweratlas.runners.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Evaluates {@link IamRequest}s against an identity policy with a real IAM evaluator: the npm
 * package {@code @cloud-copilot/iam-simulate} (pinned in infrastructure/aws/iam-eval/package-lock.json,
 * installed by bin/test with {@code npm ci}), run by node through infrastructure/aws/iam-eval/evaluate.mjs.
 * One node process evaluates a whole batch.
 */
final class IamPolicyEvaluator {

    static final Path EVAL_DIR = Path.of("..", "infrastructure", "aws", "iam-eval").toAbsolutePath().normalize();
    static final String ACCOUNT = "123456789012";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One decision: {@code Allowed}, {@code ImplicitlyDenied}, {@code ExplicitlyDenied} or {@code Error}. */
    record Decision(IamRequest request, String decision, String detail) {
        boolean allowed() {
            return decision.equals("Allowed");
        }

        boolean denied() {
            return decision.endsWith("Denied");
        }
    }

    private IamPolicyEvaluator() {
    }

    /** Skips the calling test, saying how to get the evaluator, when node or the package is missing. */
    static void assumeAvailable() {
        Assumptions.assumeTrue(Files.isDirectory(EVAL_DIR.resolve("node_modules/@cloud-copilot/iam-simulate")),
                "IAM evaluator not installed: run bin/test (it runs 'npm ci' in infrastructure/aws/iam-eval)");
        Assumptions.assumeTrue(onPath("node"), "node is not on PATH: the IAM policy tests need node >= 18");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Renders a policy template: every {@code ${NAME}} replaced from {@code values}; a missing one fails. */
    static JsonNode render(Path template, Map<String, String> values) throws IOException {
        String text = Files.readString(template);
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("${" + e.getKey() + "}", e.getValue());
        }
        if (text.contains("${")) {
            throw new AssertionError(template + " has a placeholder the test does not fill: "
                    + text.substring(text.indexOf("${"), text.indexOf('}', text.indexOf("${")) + 1));
        }
        return JSON.readTree(text);
    }

    static List<Decision> evaluate(JsonNode policy, String roleName, List<IamRequest> requests) throws Exception {
        ObjectNode input = JSON.createObjectNode();
        input.put("principal", "arn:aws:iam::" + ACCOUNT + ":role/" + roleName);
        input.put("account", ACCOUNT);
        input.set("policy", policy);
        ArrayNode list = input.putArray("requests");
        for (IamRequest r : requests) {
            ObjectNode n = list.addObject();
            n.put("action", r.action());
            n.put("resource", r.resource());
            ObjectNode ctx = n.putObject("context");
            r.context().forEach(ctx::put);
        }
        Process p = new ProcessBuilder("node", EVAL_DIR.resolve("evaluate.mjs").toString())
                .directory(EVAL_DIR.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(JSON.writeValueAsBytes(input));
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("evaluate.mjs failed: " + new String(out, StandardCharsets.UTF_8));
        }
        JsonNode results = JSON.readTree(out);
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            decisions.add(new Decision(requests.get(i), results.get(i).get("decision").asText(),
                    results.get(i).get("detail").asText()));
        }
        return decisions;
    }
}
