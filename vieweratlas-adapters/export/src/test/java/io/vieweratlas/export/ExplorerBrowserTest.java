package io.vieweratlas.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.export.layout.LayoutOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens the explorer page in headless Chromium and drives it over the DevTools protocol: searches a
 * channel, clicks a node, reads the neighbour list from the DOM, toggles a legend entry and keeps a
 * screenshot in {@code target/explorer-screenshot.png}. Skipped when {@code /usr/bin/chromium} is absent.
 */
class ExplorerBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Process browser;
    private Path profile;
    private Cdp cdp;

    @AfterEach
    void tearDown() throws Exception {
        if (cdp != null) {
            cdp.close();
        }
        if (browser != null) {
            // Chromium's helper processes (renderer, network service) write into the profile too:
            // they go first, then the browser.
            List<ProcessHandle> helpers = browser.descendants().toList();
            helpers.forEach(ProcessHandle::destroy);
            browser.destroy();
            if (!browser.waitFor(5, TimeUnit.SECONDS)) {
                browser.destroyForcibly();
            }
            for (ProcessHandle helper : helpers) {
                helper.onExit().completeOnTimeout(helper, 5, TimeUnit.SECONDS).join();
            }
        }
        if (profile != null) {
            deleteTree(profile);
        }
    }

    /** Deletes a directory tree whose files may still vanish while it is walked. */
    private static void deleteTree(Path root) throws InterruptedException {
        for (int attempt = 0; attempt < 5 && Files.exists(root); attempt++) {
            try (var walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                Thread.sleep(100); // a file went while walking: walk again
            }
        }
    }

    @Test
    void searchClickNeighboursLegendAndScreenshot() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium not installed at " + CHROMIUM);
        AnalysisResult r = Fixtures.planted(800, 9, 6, 11);
        Path dir = Files.createDirectories(Path.of("target", "explorer-test").toAbsolutePath());
        Path page = dir.resolve("community_graph.html");
        try (OutputStream out = Files.newOutputStream(page)) {
            new HtmlExporter(new LayoutSource(LayoutOptions.defaults(42))).write(r, out);
        }
        cdp = launch(page);
        waitFor("window.atlas !== undefined && document.readyState === 'complete'");

        // Search: type a channel name, Enter picks the first suggestion and opens its panel.
        GraphNode target = r.nodes().get(123);
        eval("document.getElementById('search').focus()");
        cdp.call("Input.insertText", Map.of("text", target.id()));
        assertEquals(target.id(), eval("document.querySelector('#suggestions li').dataset.id").asText());
        key("Enter");
        assertEquals(target.id(), eval("document.getElementById('channel').textContent").asText());
        assertEquals(target.id(), eval("atlas.selected()").asText());
        assertEquals(false, eval("document.getElementById('panel').hidden").asBoolean());
        assertNeighbours(r, target.id());
        screenshot(dir.getParent().resolve("explorer-screenshot.png"));

        // Click: the largest channel, at its position on the canvas.
        eval("document.getElementById('close').click()");
        assertEquals(true, eval("document.getElementById('panel').hidden").asBoolean());
        eval("document.getElementById('fit').click()");
        GraphNode largest = r.nodes().stream().max(Comparator.comparingInt(GraphNode::viewers)
                .thenComparing(GraphNode::id, Comparator.reverseOrder())).orElseThrow();
        JsonNode at = eval("atlas.screenPosition('" + largest.id() + "')");
        assertTrue(at.get("x").asDouble() > 0 && at.get("x").asDouble() < 1060 && at.get("y").asDouble() > 0
                && at.get("y").asDouble() < 900, "node on screen after reset: " + at);
        click(at.get("x").asDouble(), at.get("y").asDouble());
        assertEquals(largest.id(), eval("atlas.selected()").asText());
        assertEquals(largest.id(), eval("document.getElementById('channel').textContent").asText());
        assertTrue(eval("document.getElementById('community').textContent").asText().contains(largest.label()));
        assertNeighbours(r, largest.id());

        // Legend: clicking a community hides it; clicking again shows it.
        eval("document.querySelector('#legend li[data-community=\"0\"]').click()");
        assertEquals("[0]", eval("JSON.stringify(atlas.hiddenCommunities())").asText());
        eval("document.querySelector('#legend li[data-community=\"0\"]').click()");
        assertEquals("[]", eval("JSON.stringify(atlas.hiddenCommunities())").asText());
        assertEquals("", eval("window.__errors.join('\\n')").asText(), "no script errors");
    }

    @Test
    void lowConfidenceChannelsAreMarkedAndTheirConfidenceShown() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium not installed at " + CHROMIUM);
        AnalysisResult r = Fixtures.small();
        NodeAnnotations confidence = NodeAnnotations.confidence(
                Map.of("alpha", 1.0, "bravo", 0.25, "charlie", 0.9, "delta", 0.4), 0.5);
        Path dir = Files.createDirectories(Path.of("target", "explorer-confidence-test").toAbsolutePath());
        Path page = dir.resolve("community_graph.html");
        try (OutputStream out = Files.newOutputStream(page)) {
            new HtmlExporter(new LayoutSource(LayoutOptions.defaults(42)), confidence).write(r, out);
        }
        cdp = launch(page);
        waitFor("window.atlas !== undefined && document.readyState === 'complete'");
        assertEquals("[\"bravo\",\"delta\"]", eval("JSON.stringify(atlas.lowConfidence())").asText());
        assertTrue(eval("document.getElementById('confidencenote').textContent").asText()
                .contains("below 0.5 (2 channels"));
        eval("document.getElementById('search').focus()");
        cdp.call("Input.insertText", Map.of("text", "bravo"));
        key("Enter");
        assertEquals("bravo", eval("atlas.selected()").asText());
        String facts = eval("document.getElementById('facts').textContent").asText();
        assertTrue(facts.contains("Confidence0.25 (below 0.5)"), facts);
        eval("atlas.redraw()");
        screenshot(dir.getParent().resolve("explorer-confidence-screenshot.png"));
        assertEquals("", eval("window.__errors.join('\\n')").asText(), "no script errors");
    }

    /** The panel lists every neighbour once, sorted by shared viewers (descending), with the right counts. */
    private void assertNeighbours(AnalysisResult r, String id) throws Exception {
        JsonNode shown = JSON.readTree(eval("JSON.stringify(Array.from(document.querySelectorAll('#neighbours li'))"
                + ".map(li => [li.dataset.id, Number(li.dataset.shared)]))").asText());
        List<String> expected = new ArrayList<>();
        Map<String, Integer> shared = new java.util.HashMap<>();
        for (GraphEdge e : r.edges()) {
            if (e.source().equals(id) || e.target().equals(id)) {
                String other = e.source().equals(id) ? e.target() : e.source();
                expected.add(other);
                shared.put(other, e.shared());
            }
        }
        assertTrue(expected.size() > 0, "fixture channel has neighbours");
        assertEquals(expected.size(), shown.size());
        int previous = Integer.MAX_VALUE;
        for (JsonNode row : shown) {
            String other = row.get(0).asText();
            assertEquals(shared.get(other), row.get(1).asInt(), "shared viewers of " + other);
            assertTrue(row.get(1).asInt() <= previous, "sorted by shared viewers");
            previous = row.get(1).asInt();
            assertTrue(expected.remove(other), "listed once: " + other);
        }
    }

    private Cdp launch(Path page) throws Exception {
        profile = Files.createTempDirectory("vieweratlas-chromium");
        browser = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=1400,900",
                "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
            assertTrue(browser.isAlive(), "chromium exited: " + Files.readString(profile.resolve("chromium.log")));
            assertTrue(System.nanoTime() < deadline, "chromium did not open its DevTools port");
            Thread.sleep(50); // polling a file the browser writes; there is no event to wait on
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
        String ws = null;
        for (JsonNode t : targets) {
            if (t.get("type").asText().equals("page")) {
                ws = t.get("webSocketDebuggerUrl").asText();
                break;
            }
        }
        assertTrue(ws != null, "a page target");
        Cdp c = new Cdp(http, URI.create(ws));
        c.call("Page.enable", Map.of());
        c.call("Runtime.enable", Map.of());
        // Collect script errors from the moment the page starts.
        c.call("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__errors=[];window.addEventListener('error',e=>window.__errors.push(String(e.message)));"));
        c.call("Page.navigate", Map.of("url", page.toUri().toString()));
        return c;
    }

    private void waitFor(String condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!eval("Boolean(" + condition + ")").asBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + condition);
            Thread.sleep(50);
        }
    }

    private JsonNode eval(String expression) throws Exception {
        JsonNode res = cdp.call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (res.has("exceptionDetails")) {
            throw new AssertionError("script error in " + expression + ": " + res.get("exceptionDetails"));
        }
        JsonNode value = res.get("result").get("value");
        return value == null ? JSON.nullNode() : value;
    }

    private void key(String key) throws Exception {
        for (String type : List.of("keyDown", "keyUp")) {
            cdp.call("Input.dispatchKeyEvent", Map.of("type", type, "key", key, "code", key,
                    "windowsVirtualKeyCode", 13, "nativeVirtualKeyCode", 13));
        }
    }

    private void click(double x, double y) throws Exception {
        cdp.call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
        for (String type : List.of("mousePressed", "mouseReleased")) {
            cdp.call("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left",
                    "clickCount", 1));
        }
    }

    private void screenshot(Path file) throws Exception {
        JsonNode shot = cdp.call("Page.captureScreenshot", Map.of("format", "png"));
        Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    /** A minimal DevTools protocol client: one request at a time, replies matched by id. */
    private static final class Cdp implements WebSocket.Listener {
        private final WebSocket socket;
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();

        Cdp(HttpClient http, URI uri) throws Exception {
            socket = http.newWebSocketBuilder().buildAsync(uri, this).get(10, TimeUnit.SECONDS);
        }

        JsonNode call(String method, Map<String, Object> params) throws Exception {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> reply = new CompletableFuture<>();
            pending.put(id, reply);
            ObjectNode msg = JSON.createObjectNode();
            msg.put("id", id);
            msg.put("method", method);
            msg.set("params", JSON.valueToTree(params));
            socket.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
            JsonNode r = reply.get(30, TimeUnit.SECONDS);
            if (r.has("error")) {
                throw new AssertionError(method + " failed: " + r.get("error"));
            }
            return r.get("result");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode msg = JSON.readTree(partial.toString());
                    if (msg.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                        if (f != null) {
                            f.complete(msg);
                        }
                    }
                } catch (IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
