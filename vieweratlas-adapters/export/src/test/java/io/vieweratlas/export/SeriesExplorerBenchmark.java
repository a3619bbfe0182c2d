package io.vieweratlas.export;

import com.fasterxml.jackson.databind.JsonNode;

import io.vieweratlas.core.analysis.timeline.CommunityTracker;
import io.vieweratlas.core.analysis.timeline.Timeline;
import io.vieweratlas.core.analysis.timeline.WindowPartition;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.export.layout.LayoutOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Opens a series explorer ({@code community_timeline.html}) in headless Chromium and prints its size,
 * load time (navigation start to the end of the page script, and to the first frame drawn) and frames
 * per second while playing through every window: {@code SeriesExplorerBenchmark PAGE [runs] [screenshot.png]}.
 * {@code SeriesExplorerBenchmark --write DIR PAGE} first times writing the page from the windows of an
 * {@code analyze --window --step} output directory ({@code DIR/windows/*}, read back from their CSV files, so
 * without languages; communities tracked again as the analysis does).
 */
public final class SeriesExplorerBenchmark {

    private SeriesExplorerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--sigma")) {
            sigma(Path.of(args[1]).toAbsolutePath(), args.length > 2 ? args[2] : "12000");
            return;
        }
        if (args[0].equals("--plain")) {
            plain(Path.of(args[1]).toAbsolutePath());
            return;
        }
        if (args[0].equals("--write")) {
            write(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        Path page = Path.of(args[0]).toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.printf(Locale.ROOT, "page %s: %.1f MB%n", page, Files.size(page) / 1e6);
        System.out.println("| run | script starts ms | data parsed ms | script done ms | first frame ms | windows | "
                + "frames while gliding | glide fps | mean draw ms | script errors |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (int run = 1; run <= runs; run++) {
            try (HeadlessChromium chrome = HeadlessChromium.open(page)) {
                chrome.waitFor("window.seriesAtlas !== undefined && window.seriesAtlas.stats().firstDraw > 0");
                JsonNode loaded = chrome.eval("seriesAtlas.stats()");
                if (args.length > 2 && run == 1) {
                    chrome.eval("seriesAtlas.select(seriesAtlas.visibleChannels()[0]);"
                            + "seriesAtlas.compare(seriesAtlas.channel(seriesAtlas.selected()).neighbours.slice(0, 2)"
                            + ".map(n => n[0]).concat([seriesAtlas.selected()])); seriesAtlas.redraw();"
                            + "document.getElementById('compare').scrollIntoView()");
                    chrome.screenshot(Path.of(args[2]));
                }
                int windows = chrome.eval("seriesAtlas.windows().length").asInt();
                chrome.eval("seriesAtlas.setWindow(0)");
                JsonNode before = chrome.eval("seriesAtlas.stats()");
                chrome.eval("seriesAtlas.play()");
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (chrome.eval("seriesAtlas.playing()").asBoolean() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                JsonNode after = chrome.eval("seriesAtlas.stats()");
                int frames = after.get("tweenFrames").asInt() - before.get("tweenFrames").asInt();
                double ms = after.get("tweenMs").asDouble() - before.get("tweenMs").asDouble();
                int drawn = after.get("frames").asInt() - before.get("frames").asInt();
                double drawMs = after.get("drawMs").asDouble() - before.get("drawMs").asDouble();
                System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.0f | %.0f | %d | %d | %.1f | %.1f | %s |%n", run,
                        loaded.get("scriptStart").asDouble(), loaded.get("parsed").asDouble(),
                        loaded.get("ready").asDouble(), loaded.get("firstDraw").asDouble(), windows, frames,
                        ms > 0 ? frames * 1000 / ms : 0, drawn > 0 ? drawMs / drawn : 0,
                        chrome.errors().isEmpty() ? "none" : chrome.errors().replace('\n', ';'));
            }
        }
    }

    /**
     * A comparison page drawing the newest window with sigma.js (WebGL) and gliding every node from the
     * previous window's position for 3 s, as the explorer does; {@code edges} strongest edges drawn.
     */
    private static void sigma(Path page, String edges) throws Exception {
        for (int run = 1; run <= 3; run++) {
            try (HeadlessChromium chrome = HeadlessChromium.open(Path.of(page.toString()))) {
                chrome.call("Page.navigate", java.util.Map.of("url", page.toUri() + "#" + edges));
                chrome.waitFor("window.glide !== undefined && document.readyState === 'complete'");
                JsonNode r = chrome.eval("glide(3000)");
                System.out.printf(Locale.ROOT, "sigma.js, %s edges, run %d: ready %.0f ms, %d frames in %.0f ms = %.1f fps, "
                        + "errors: %s%n", edges, run, chrome.eval("bench.ready").asDouble(), r.get("frames").asInt(),
                        r.get("ms").asDouble(), r.get("frames").asInt() * 1000 / r.get("ms").asDouble(),
                        chrome.errors().isEmpty() ? "none" : chrome.errors());
            }
        }
    }

    /** The load of a single-window explorer page, for comparison: DOMContentLoaded and the end of load. */
    private static void plain(Path page) throws Exception {
        for (int run = 1; run <= 3; run++) {
            try (HeadlessChromium chrome = HeadlessChromium.open(page)) {
                chrome.waitFor("window.atlas !== undefined && document.readyState === 'complete'");
                JsonNode nav = chrome.eval("(function(){var n = performance.getEntriesByType('navigation')[0];"
                        + " return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd};})()");
                System.out.printf(Locale.ROOT, "%s (%.1f MB) run %d: DOMContentLoaded %.0f ms, load %.0f ms%n",
                        page.getFileName(), Files.size(page) / 1e6, run, nav.get("dcl").asDouble(),
                        nav.get("load").asDouble());
            }
        }
    }

    private static void write(Path dir, Path page) throws Exception {
        List<Path> folders;
        try (var list = Files.list(dir.resolve("windows"))) {
            folders = list.sorted().toList();
        }
        DateTimeFormatter folder = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
        List<AnalysisResult> results = new ArrayList<>();
        List<WindowPartition> partitions = new ArrayList<>();
        List<Instant> ends = new ArrayList<>();
        for (Path f : folders) {
            Instant end = Instant.from(folder.parse(f.getFileName().toString()));
            AnalysisResult r = ExportBenchmark.read(f);
            results.add(r);
            ends.add(end);
            partitions.add(WindowPartition.of(end.minus(Duration.ofDays(1)), end, r));
        }
        Timeline timeline = CommunityTracker.track(partitions, CommunityTracker.DEFAULT_JACCARD);
        long t0 = System.nanoTime();
        SeriesExplorer explorer = new SeriesExplorer(LayoutOptions.defaults(42));
        for (int k = 0; k < results.size(); k++) {
            long tw = System.nanoTime();
            explorer.add(ends.get(k), results.get(k));
            System.out.printf(Locale.ROOT, "window %d (%,d channels, %,d edges): laid out in %d ms%n", k,
                    results.get(k).nodes().size(), results.get(k).edges().size(), (System.nanoTime() - tw) / 1_000_000);
        }
        long t1 = System.nanoTime();
        byte[] html = explorer.html(timeline);
        long t2 = System.nanoTime();
        Files.write(page, html);
        System.out.printf(Locale.ROOT, "layouts %d ms, page %d ms, %.1f MB%n", (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, html.length / 1e6);
    }
}
