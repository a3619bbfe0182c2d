package io.vieweratlas.export;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opens the series explorer written through the output writer in headless Chromium and drives it: the
 * time slider and play button, a channel's overlap list and a comparison of two and three channels
 * (numbers checked against the same window's {@code graph_nodes.csv} and {@code graph_edges.csv}), the
 * filters, the events and stopped-streaming flags; no script error may occur. Skipped without Chromium.
 */
class SeriesExplorerBrowserTest {

    @RegisterExtension
    final HeadlessChromium.Session browser = new HeadlessChromium.Session();

    private HeadlessChromium chrome;

    @Test
    void sliderComparisonFiltersAndEventsMatchTheWindowsFiles() throws Exception {
        Path dir = Path.of("target", "series-explorer-test").toAbsolutePath();
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        SeriesExplorerTest.writeSeries(dir, SeriesExplorerTest.htmlOnly());
        chrome = browser.open(dir.resolve(SeriesExplorer.FILE_NAME),
                "window.seriesAtlas !== undefined && document.readyState === 'complete'");
        assertEquals(3, chrome.eval("seriesAtlas.current()").asInt(), "opens on the newest window");

        // Slider: moving it shows that window.
        slide(1);
        assertEquals(1, chrome.eval("seriesAtlas.current()").asInt());
        assertTrue(chrome.eval("document.getElementById('windowlabel').textContent").asText().contains("2026-01-03"));

        // Stopped streaming: flagged in the last window they stream in.
        JsonNode stopped = chrome.eval("seriesAtlas.stopped()");
        assertEquals(Fixtures.STOPPING.size(), stopped.size());
        for (JsonNode s : stopped) {
            assertTrue(Fixtures.STOPPING.contains(s.get(0).asText()), s.toString());
            assertEquals("2026-01-03T00:00:00Z", s.get(1).asText());
        }
        assertEquals(Fixtures.STOPPING.size(), chrome.eval("document.querySelectorAll('#stoppedbox a').length").asInt());

        // Window 3: the merge is on the timeline and in the window's event list.
        slide(3);
        assertEquals(1, chrome.eval("document.querySelectorAll('#events li[data-type=\"merge\"]').length").asInt());
        assertTrue(chrome.eval("document.querySelector('#ticks span[data-window=\"3\"]').className").asText()
                .contains("ev"));
        // Community 5 merged into 4: its channels are listed as having changed community, and clicking the
        // merge shows only the merged community.
        assertTrue(chrome.eval("document.getElementById('moves').textContent").asText().contains("ch00005 (#5\u2192#4)"));
        chrome.eval("document.querySelector('#events li[data-type=\"merge\"]').click()");
        JsonNode shown = chrome.eval("seriesAtlas.visibleChannels()");
        assertTrue(shown.size() > 0);
        for (JsonNode id : shown) {
            assertEquals(4, chrome.eval("seriesAtlas.channel('" + id.asText() + "').community").asInt(), id.asText());
        }
        chrome.eval("document.getElementById('showall').click()");

        // A channel's overlap list, picked by search: shared viewers and share of its audience, as in the CSV.
        Window csv = Window.read(dir.resolve("windows").resolve("20260105T000000Z"));
        String a = "ch00007";
        chrome.eval("document.getElementById('search').focus()");
        chrome.call("Input.insertText", Map.of("text", a));
        chrome.key("Enter");
        assertEquals(a, chrome.eval("seriesAtlas.selected()").asText());
        JsonNode rows = chrome.eval("Array.from(document.querySelectorAll('#neighbours li')).map(li => [li.dataset.id,"
                + " Number(li.dataset.shared), li.querySelector('.share').textContent])");
        Map<String, Integer> expected = csv.neighbours(a);
        assertEquals(expected.size(), rows.size(), "every neighbour listed");
        int previous = Integer.MAX_VALUE;
        for (JsonNode row : rows) {
            int shared = expected.get(row.get(0).asText());
            assertEquals(shared, row.get(1).asInt(), "shared viewers with " + row.get(0));
            assertEquals(String.format(Locale.ROOT, "%.1f %%", 100.0 * shared / csv.viewers.get(a)),
                    row.get(2).asText());
            assertTrue(shared <= previous, "ranked by shared viewers");
            previous = shared;
        }
        assertTrue(chrome.eval("document.getElementById('facts').textContent").asText()
                .contains("Viewers" + String.format(Locale.ROOT, "%,d", csv.viewers.get(a))));

        // Communities under the timeline's stable ids (timeline.json of the same run), coloured by them.
        Map<Integer, Integer> stable = new HashMap<>();
        for (JsonNode w : HeadlessChromium.JSON.readTree(dir.resolve("timeline.json").toFile()).get("windows")) {
            if (w.get("end").asText().equals("2026-01-05T00:00:00Z")) {
                w.get("communities").forEach(c -> stable.put(c.get("community").asInt(), c.get("stable_id").asInt()));
            }
        }
        for (String id : List.of("ch00007", "ch00004", "ch00005", "ch00011")) {
            int expectedStable = stable.get(csv.community.get(id));
            assertEquals(expectedStable, chrome.eval("seriesAtlas.channel('" + id + "').community").asInt(), id);
        }
        assertEquals(stable.size(), chrome.eval("document.querySelectorAll('#legend li').length").asInt() - 1,
                "one legend entry per tracked community, and one for the unassigned");

        // Compare: the selected channel and its strongest neighbour, through the panel's buttons.
        String b = rows.get(0).get(0).asText();
        chrome.eval("document.getElementById('compareadd').click()");
        chrome.eval("document.querySelector('#neighbours li').click()");
        assertEquals(b, chrome.eval("seriesAtlas.selected()").asText());
        chrome.eval("document.getElementById('compareadd').click()");
        JsonNode two = chrome.eval("seriesAtlas.comparison()");
        int ab = expected.get(b);
        assertEquals(ab, two.get("pairs").get(0).get("shared").asInt());
        assertEquals(csv.viewers.get(a) - ab, two.get("unique").get(0).asInt());
        assertEquals(csv.viewers.get(b) - ab, two.get("unique").get(1).asInt());
        assertEquals(String.valueOf(ab), chrome.eval("document.querySelector('#comparetable tr.pair').dataset.shared")
                .asText());
        assertEquals(2, chrome.eval("document.querySelectorAll('#venn circle').length").asInt());
        assertEquals(4, chrome.eval("document.querySelectorAll('#historytable tr').length").asInt() - 1,
                "one row per window");

        // Three channels: pairwise counts from the CSV (or below the threshold), the common ones as a range.
        String c = rows.get(1).get(0).asText();
        chrome.eval("seriesAtlas.select('" + c + "'); document.getElementById('compareadd').click()");
        JsonNode three = chrome.eval("seriesAtlas.comparison()");
        assertEquals(3, chrome.eval("document.querySelectorAll('#venn circle').length").asInt());
        JsonNode pairs = three.get("pairs");
        assertEquals(csv.shared(a, b), pairs.get(0).get("shared").asInt());
        assertEquals(csv.shared(a, c), pairs.get(1).get("shared").asInt());
        assertEquals(csv.shared(b, c), pairs.get(2).get("shared").asInt());
        JsonNode triple = three.get("triple");
        assertTrue(triple.get(0).asInt() <= triple.get(1).asInt(), triple.toString());
        assertTrue(triple.get(1).asInt() <= Math.min(csv.shared(a, b), csv.shared(a, c)), triple.toString());

        // Filters: language, game, minimum audience, minimum edge weight.
        String language = csv.language.get(a);
        chrome.eval("var s = document.getElementById('language'); s.value = String(Array.from(s.options)"
                + ".findIndex(o => o.textContent === '" + language + "') - 1 + 0); s.selectedIndex = Array.from(s.options)"
                + ".findIndex(o => o.textContent === '" + language + "'); s.dispatchEvent(new Event('change'))");
        JsonNode visible = chrome.eval("seriesAtlas.visibleChannels()");
        long expectedVisible = csv.language.values().stream().filter(language::equals).count();
        assertEquals(expectedVisible, visible.size(), "channels in " + language);
        chrome.eval("var s = document.getElementById('language'); s.selectedIndex = 0; s.dispatchEvent(new Event('change'));"
                + "var g = document.getElementById('game'); g.selectedIndex = 1; g.dispatchEvent(new Event('change'))");
        String game = chrome.eval("document.getElementById('game').selectedOptions[0].textContent").asText();
        assertEquals(csv.game.values().stream().filter(game::equals).count(),
                chrome.eval("seriesAtlas.visibleChannels().length").asLong(), "channels playing " + game);
        chrome.eval("var g = document.getElementById('game'); g.selectedIndex = 0; g.dispatchEvent(new Event('change'));"
                + "var v = document.getElementById('minviewers'); v.value = '1000'; v.dispatchEvent(new Event('input'))");
        assertEquals(csv.viewers.values().stream().filter(v -> v >= 1000).count(),
                chrome.eval("seriesAtlas.visibleChannels().length").asLong(), "channels with 1,000 viewers or more");
        chrome.eval("var w = document.getElementById('minweight'); w.value = '60'; w.dispatchEvent(new Event('input'))");
        assertFalse(chrome.eval("document.getElementById('minweightvalue').textContent").asText().equals("0"));
        // The legend hides the unassigned channels too.
        chrome.eval("var v = document.getElementById('minviewers'); v.value = '0'; v.dispatchEvent(new Event('input'));"
                + "document.querySelector('#legend li[data-community=\"-1\"]').click()");
        assertEquals(csv.community.values().stream().filter(x -> x >= 0).count(),
                chrome.eval("seriesAtlas.visibleChannels().length").asLong(), "assigned channels");
        chrome.eval("seriesAtlas.redraw()");
        chrome.screenshot(dir.getParent().resolve("series-explorer-screenshot.png"));

        // Play: from the first window the slider advances on its own; pause stops it.
        chrome.eval("seriesAtlas.setWindow(0); document.getElementById('play').click()");
        assertTrue(chrome.eval("seriesAtlas.playing()").asBoolean());
        chrome.waitFor("seriesAtlas.current() >= 1");
        chrome.eval("document.getElementById('play').click()");
        assertFalse(chrome.eval("seriesAtlas.playing()").asBoolean());
        assertEquals(chrome.eval("seriesAtlas.current()").asInt(),
                chrome.eval("Number(document.getElementById('slider').value)").asInt());
        assertEquals("", chrome.errors(), "no script errors");
    }

    private void slide(int k) throws Exception {
        chrome.eval("var s = document.getElementById('slider'); s.value = '" + k + "';"
                + " s.dispatchEvent(new Event('input'))");
    }

    /** The numbers of one window as its CSV files hold them. */
    private record Window(Map<String, Integer> viewers, Map<String, String> game, Map<String, Integer> community,
                          Map<String, String> language, Map<String, Map<String, Integer>> edges) {

        static Window read(Path dir) throws Exception {
            Map<String, Integer> viewers = new HashMap<>();
            Map<String, String> game = new HashMap<>();
            Map<String, Integer> community = new HashMap<>();
            List<String> nodes = Files.readAllLines(dir.resolve("graph_nodes.csv"), StandardCharsets.UTF_8);
            List<String> header = List.of(nodes.get(0).split(","));
            for (String line : nodes.subList(1, nodes.size())) {
                String[] f = line.split(",", -1);
                viewers.put(f[0], Integer.parseInt(f[header.indexOf("viewers")]));
                game.put(f[0], f[header.indexOf("game")]);
                community.put(f[0], Integer.parseInt(f[header.indexOf("community")]));
            }
            Map<String, Map<String, Integer>> edges = new HashMap<>();
            List<String> lines = Files.readAllLines(dir.resolve("graph_edges.csv"), StandardCharsets.UTF_8);
            List<String> eh = List.of(lines.get(0).split(","));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                int shared = Integer.parseInt(f[eh.indexOf("shared")]);
                edges.computeIfAbsent(f[0], x -> new HashMap<>()).put(f[1], shared);
                edges.computeIfAbsent(f[1], x -> new HashMap<>()).put(f[0], shared);
            }
            // Languages are not in graph_nodes.csv; the fixture derives them from the game.
            Map<String, String> language = new HashMap<>();
            Fixtures.seriesWindow(3).nodes().forEach(n -> language.put(n.id(), n.language()));
            return new Window(viewers, game, community, language, edges);
        }

        Map<String, Integer> neighbours(String id) {
            return edges.getOrDefault(id, Map.of());
        }

        /** Shared viewers, -1 when the pair has no edge (below the threshold). */
        int shared(String a, String b) {
            return neighbours(a).getOrDefault(b, -1);
        }
    }
}
