package io.vieweratlas.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium driven over the DevTools protocol, for the explorer pages' browser tests and
 * benchmarks: opens a page with script errors collected in {@code window.__errors} from the first
 * moment, evaluates expressions and dispatches input. Closing stops Chromium's helper processes
 * before the browser (they write into the profile too) and deletes the profile.
 */
final class HeadlessChromium implements AutoCloseable {

    /** Where bin/test installs Chromium. */
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final ObjectMapper JSON = new ObjectMapper();

    private final Process browser;
    private final Path profile;
    private final Cdp cdp;

    private HeadlessChromium(Process browser, Path profile, Cdp cdp) {
        this.browser = browser;
        this.profile = profile;
        this.cdp = cdp;
    }

    /** Whether Chromium is installed where the tests look for it. */
    static boolean available() {
        return Files.isExecutable(CHROMIUM);
    }

    /** Starts Chromium (1400 x 900) and opens {@code page}. */
    static HeadlessChromium open(Path page) throws Exception {
        Path profile = Files.createTempDirectory("vieweratlas-chromium");
        Process browser = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=1400,900",
                "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        Cdp cdp = null;
        try {
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
                    URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String ws = null;
            for (JsonNode t : targets) {
                if (t.get("type").asText().equals("page")) {
                    ws = t.get("webSocketDebuggerUrl").asText();
                    break;
                }
            }
            assertTrue(ws != null, "a page target");
            cdp = new Cdp(http, URI.create(ws));
            HeadlessChromium c = new HeadlessChromium(browser, profile, cdp);
            c.call("Page.enable", Map.of());
            c.call("Runtime.enable", Map.of());
            // Collect script errors from the moment the page starts.
            c.call("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                    "window.__errors=[];window.addEventListener('error',e=>window.__errors.push(String(e.message)));"));
            c.call("Page.navigate", Map.of("url", page.toUri().toString()));
            return c;
        } catch (Exception | AssertionError e) {
            new HeadlessChromium(browser, profile, cdp).close();
            throw e;
        }
    }

    /**
     * One browser per test, for a browser test's {@code @RegisterExtension} field: the test is skipped
     * before it starts when Chromium is not installed, and the browser it opened is closed after it.
     */
    static final class Session implements BeforeEachCallback, AfterEachCallback {
        private HeadlessChromium chrome;

        @Override
        public void beforeEach(ExtensionContext context) {
            assumeTrue(available(), "chromium not installed at " + CHROMIUM);
        }

        /** Opens {@code page} and waits until the script condition {@code ready} holds. */
        HeadlessChromium open(Path page, String ready) throws Exception {
            if (chrome != null) {
                chrome.close();
            }
            chrome = HeadlessChromium.open(page);
            chrome.waitFor(ready);
            return chrome;
        }

        @Override
        public void afterEach(ExtensionContext context) throws Exception {
            if (chrome != null) {
                chrome.close();
                chrome = null;
            }
        }
    }

    /** A DevTools protocol call; fails on a protocol error. */
    JsonNode call(String method, Map<String, Object> params) throws Exception {
        return cdp.call(method, params);
    }

    /** Waits up to 20 s for a script condition to hold. */
    void waitFor(String condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!eval("Boolean(" + condition + ")").asBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + condition);
            Thread.sleep(50);
        }
    }

    /** The value of a script expression (awaited when it is a promise); fails when it throws. */
    JsonNode eval(String expression) throws Exception {
        JsonNode res = cdp.call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (res.has("exceptionDetails")) {
            throw new AssertionError("script error in " + expression + ": " + res.get("exceptionDetails"));
        }
        JsonNode value = res.get("result").get("value");
        return value == null ? JSON.nullNode() : value;
    }

    /** The script errors the page reported so far, one per line. */
    String errors() throws Exception {
        return eval("window.__errors.join('\\n')").asText();
    }

    void key(String key) throws Exception {
        for (String type : List.of("keyDown", "keyUp")) {
            cdp.call("Input.dispatchKeyEvent", Map.of("type", type, "key", key, "code", key,
                    "windowsVirtualKeyCode", 13, "nativeVirtualKeyCode", 13));
        }
    }

    void click(double x, double y) throws Exception {
        cdp.call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
        for (String type : List.of("mousePressed", "mouseReleased")) {
            cdp.call("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left",
                    "clickCount", 1));
        }
    }

    void screenshot(Path file) throws Exception {
        JsonNode shot = cdp.call("Page.captureScreenshot", Map.of("format", "png"));
        Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    @Override
    public void close() throws Exception {
        if (cdp != null) {
            cdp.close();
        }
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
        deleteTree(profile);
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
            JsonNode r = reply.get(60, TimeUnit.SECONDS);
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
