package io.vieweratlas.examples;

import io.vieweratlas.core.PresenceSources;
import io.vieweratlas.core.ViewerAtlas;
import io.vieweratlas.core.analysis.Weighting;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.Community;
import io.vieweratlas.core.port.PresenceSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Example 1, embedding: analyse one's own data, here {@code channel,viewer} rows from a CSV file,
 * and print the largest communities.
 *
 * <p>Run with a CSV path as argument, or without one to use the bundled {@code viewers.csv}.
 */
public final class EmbedCsv {

    private EmbedCsv() {
    }

    /**
     * Runs the example.
     *
     * @param args optional path of a CSV file with a {@code channel,viewer} header
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length > 0) {
            try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
                run(in, args[0], System.out);
            }
        } else {
            try (InputStream in = EmbedCsv.class.getResourceAsStream("/viewers.csv")) {
                run(in, "viewers.csv", System.out);
            }
        }
    }

    /**
     * Reads {@code channel,viewer} rows from {@code csv}, analyses them and prints the communities.
     *
     * @param csv  the CSV, UTF-8, first line a header
     * @param name the file's name for error messages
     * @param out  where the report goes
     * @return the analysis result
     */
    public static AnalysisResult run(InputStream csv, String name, PrintStream out) {
        PresenceSource source = readRows(csv, name);
        AnalysisResult result = ViewerAtlas.analysis()
                .source(source)
                .weighting(Weighting.JACCARD)  // audiences of very different sizes compare fairly
                .leiden(1.0, 42)
                .threshold(5)                  // an edge needs at least 5 shared viewers
                .run();
        out.printf(Locale.ROOT, "%d channels, %d edges, %d communities, modularity %.3f%n",
                result.nodes().size(), result.edges().size(), result.communities().size(),
                result.statistics().detection().modularity());
        for (Community c : result.communities()) {
            out.printf(Locale.ROOT, "community %d (%d channels): %s%n", c.id(), c.size(),
                    String.join(", ", c.topChannels()));
        }
        return result;
    }

    private static PresenceSource readRows(InputStream csv, String name) {
        PresenceSources.RowsBuilder rows = PresenceSources.rows();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            String line = r.readLine(); // header
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != 2) {
                    throw new IllegalArgumentException(name + ":" + lineNo + ": expected 'channel,viewer', got '"
                            + line + "'");
                }
                rows.add(cells[0], cells[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
        return rows.build();
    }
}
