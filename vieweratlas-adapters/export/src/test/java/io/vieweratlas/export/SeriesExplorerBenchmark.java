package io.vieweratlas.export;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a series explorer ({@code community_timeline.html}) in headless Chromium and prints its size,
 * load time (navigation start to the end of the page script, and to the first frame drawn) and frames
 * per second while playing through every window: {@code SeriesExplorerBenchmark PAGE [runs] [screenshot.png]}.
 */
public final class SeriesExplorerBenchmark {

    private SeriesExplorerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path page = Path.of(args[0]).toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.printf(Locale.ROOT, "page %s: %.1f MB%n", page, Files.size(page) / 1e6);
        System.out.println("| run | script done ms | first frame ms | windows | frames while gliding | glide fps | "
                + "mean draw ms | script errors |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int run = 1; run <= runs; run++) {
            try (HeadlessChromium chrome = HeadlessChromium.open(page)) {
                chrome.waitFor("window.seriesAtlas !== undefined && window.seriesAtlas.stats().firstDraw > 0");
                JsonNode loaded = chrome.eval("seriesAtlas.stats()");
                if (args.length > 2 && run == 1) {
                    chrome.eval("seriesAtlas.select(seriesAtlas.visibleChannels()[0]);"
                            + "seriesAtlas.compare(seriesAtlas.channel(seriesAtlas.selected()).neighbours.slice(0, 2)"
                            + ".map(n => n[0]).concat([seriesAtlas.selected()])); seriesAtlas.redraw()");
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
                System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %d | %d | %.1f | %.1f | %s |%n", run,
                        loaded.get("ready").asDouble(), loaded.get("firstDraw").asDouble(), windows, frames,
                        ms > 0 ? frames * 1000 / ms : 0, drawn > 0 ? drawMs / drawn : 0,
                        chrome.errors().isEmpty() ? "none" : chrome.errors().replace('\n', ';'));
            }
        }
    }
}
