package io.vieweratlas.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.export.layout.LayoutOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opens the explorer page in headless Chromium and drives it over the DevTools protocol: searches a
 * channel, clicks a node, reads the neighbour list from the DOM, toggles a legend entry and keeps a
 * screenshot in {@code target/explorer-screenshot.png}. Skipped when {@code /usr/bin/chromium} is absent.
 */
class ExplorerBrowserTest {

    private static final ObjectMapper JSON = HeadlessChromium.JSON;

    @RegisterExtension
    final HeadlessChromium.Session browser = new HeadlessChromium.Session();

    private HeadlessChromium chrome;

    @Test
    void searchClickNeighboursLegendAndScreenshot() throws Exception {
        AnalysisResult r = Fixtures.planted(800, 9, 6, 11);
        Path dir = Files.createDirectories(Path.of("target", "explorer-test").toAbsolutePath());
        Path page = dir.resolve("community_graph.html");
        try (OutputStream out = Files.newOutputStream(page)) {
            new HtmlExporter(new LayoutSource(LayoutOptions.defaults(42))).write(r, out);
        }
        chrome = browser.open(page, "window.atlas !== undefined && document.readyState === 'complete'");

        // Search: type a channel name, Enter picks the first suggestion and opens its panel.
        GraphNode target = r.nodes().get(123);
        eval("document.getElementById('search').focus()");
        chrome.call("Input.insertText", Map.of("text", target.id()));
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
        AnalysisResult r = Fixtures.small();
        NodeAnnotations confidence = NodeAnnotations.confidence(
                Map.of("alpha", 1.0, "bravo", 0.25, "charlie", 0.9, "delta", 0.4), 0.5);
        Path dir = Files.createDirectories(Path.of("target", "explorer-confidence-test").toAbsolutePath());
        Path page = dir.resolve("community_graph.html");
        try (OutputStream out = Files.newOutputStream(page)) {
            new HtmlExporter(new LayoutSource(LayoutOptions.defaults(42)), confidence).write(r, out);
        }
        chrome = browser.open(page, "window.atlas !== undefined && document.readyState === 'complete'");
        assertEquals("[\"bravo\",\"delta\"]", eval("JSON.stringify(atlas.lowConfidence())").asText());
        assertTrue(eval("document.getElementById('confidencenote').textContent").asText()
                .contains("below 0.5 (2 channels"));
        eval("document.getElementById('search').focus()");
        chrome.call("Input.insertText", Map.of("text", "bravo"));
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

    private void waitFor(String condition) throws Exception {
        chrome.waitFor(condition);
    }

    private JsonNode eval(String expression) throws Exception {
        return chrome.eval(expression);
    }

    private void key(String key) throws Exception {
        chrome.key(key);
    }

    private void click(double x, double y) throws Exception {
        chrome.click(x, y);
    }

    private void screenshot(Path file) throws Exception {
        chrome.screenshot(file);
    }
}
