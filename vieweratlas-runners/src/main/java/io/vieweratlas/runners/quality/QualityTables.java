package io.vieweratlas.runners.quality;

import io.vieweratlas.core.analysis.AnalysisParameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** The quality benchmark's report as a Markdown summary and a per-lake CSV file. */
public final class QualityTables {

    /** File name of the per-configuration summary (Markdown). */
    public static final String SUMMARY_FILE = "quality_summary.md";
    /** File name of the per-configuration summary (CSV). */
    public static final String SUMMARY_CSV = "quality_summary.csv";
    /** File name of every score, one row per lake and configuration (CSV). */
    public static final String SCORES_FILE = "quality_scores.csv";

    private QualityTables() {
    }

    /** The per-configuration summary as a Markdown table, best worst-case NMI first. */
    public static String summaryMarkdown(QualityBench.Report report) {
        StringBuilder b = new StringBuilder();
        b.append("| configuration | worst NMI | median NMI | worst ARI | median ARI | lakes below original "
                + "| max disconnected | max unassigned | planted recovered | smallest recovered (worst lake) "
                + "| ms per lake | top-5 distance to centroid (all members) |\n");
        b.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (ConfigurationSummary s : report.summaries()) {
            b.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %d/%d | %d | %d | %.1f %% | %s | %.0f | %s |%n",
                    s.configuration().name(), s.worstNmi(), s.medianNmi(), s.worstAri(), s.medianAri(),
                    s.belowBaseline(), s.lakes(), s.maxDisconnected(), s.maxUnassigned(), 100 * s.recoveredShare(),
                    s.worstSmallestRecovered() == 0 ? "none" : Integer.toString(s.worstSmallestRecovered()),
                    s.meanMillis(), s.layoutTop().isPresent() ? String.format(Locale.ROOT, "%.4f (%.4f)",
                            s.layoutTop().getAsDouble(), s.layoutMembers().orElse(0)) : ""));
        }
        return b.toString();
    }

    /** The per-configuration summary as CSV. */
    public static String summaryCsv(QualityBench.Report report) {
        StringBuilder b = new StringBuilder("configuration,role,weighting,overlap_threshold,resolution,algorithm,"
                + "lakes,worst_nmi,median_nmi,worst_ari,median_ari,lakes_below_original,max_disconnected,"
                + "max_unassigned,recovered_share,worst_smallest_recovered,mean_ms,layout_top5_distance,layout_member_distance,"
                + "attach_unassigned,split_communities\n");
        for (ConfigurationSummary s : report.summaries()) {
            AnalysisParameters p = s.configuration().parameters();
            b.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%s,%s,%d,%.6f,%.6f,%.6f,%.6f,%d,%d,%d,%.6f,%d,%.1f,%s,%s,%b,%b%n",
                    quote(s.configuration().name()), s.configuration().role().name().toLowerCase(Locale.ROOT),
                    p.weighting().wireName(), p.overlapThreshold(), p.resolution(), p.algorithm().wireName(),
                    s.lakes(), s.worstNmi(), s.medianNmi(), s.worstAri(), s.medianAri(), s.belowBaseline(),
                    s.maxDisconnected(), s.maxUnassigned(), s.recoveredShare(), s.worstSmallestRecovered(),
                    s.meanMillis(), optional(s.layoutTop()), optional(s.layoutMembers()), p.attachUnassigned(),
                    p.splitCommunities()));
        }
        return b.toString();
    }

    private static String optional(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.6f", v.getAsDouble()) : "";
    }

    /** Every score as CSV, one row per lake and configuration. */
    public static String scoresCsv(QualityBench.Report report) {
        StringBuilder b = new StringBuilder("lake,configuration,nmi,ari,planted,found,disconnected,unassigned,"
                + "recovered,smallest_planted,smallest_recovered,ms,layout_top5_distance,layout_member_distance\n");
        for (LakeScore s : report.scores()) {
            b.append(String.format(Locale.ROOT, "%s,%s,%.6f,%.6f,%d,%d,%d,%d,%d,%d,%d,%.1f,%s,%s%n", quote(s.lake()),
                    quote(s.configuration()), s.nmi(), s.ari(), s.planted(), s.found(), s.disconnected(),
                    s.unassigned(), s.recovered(), s.smallestPlanted(), s.smallestRecovered(), s.millis(),
                    s.layout().map(l -> String.format(Locale.ROOT, "%.6f", l.topDistance())).orElse(""),
                    s.layout().map(l -> String.format(Locale.ROOT, "%.6f", l.memberDistance())).orElse("")));
        }
        return b.toString();
    }

    /** Per lake, the scores of the given configurations, as a Markdown table (lakes as rows). */
    public static String perLakeMarkdown(QualityBench.Report report, List<String> configurations) {
        StringBuilder b = new StringBuilder("| lake | planted |");
        configurations.forEach(c -> b.append(' ').append(c).append(" |"));
        b.append("\n| --- | --- |");
        configurations.forEach(c -> b.append(" --- |"));
        b.append('\n');
        List<String> lakes = report.scores().stream().map(LakeScore::lake).distinct().toList();
        for (String lake : lakes) {
            List<LakeScore> row = report.scores().stream().filter(s -> s.lake().equals(lake)).toList();
            b.append("| ").append(lake).append(" | ").append(row.get(0).planted()).append(" |");
            for (String c : configurations) {
                row.stream().filter(s -> s.configuration().equals(c)).findFirst().ifPresentOrElse(
                        s -> b.append(String.format(Locale.ROOT, " %.4f (%d found, smallest recovered %d) |",
                                s.nmi(), s.found(), s.smallestRecovered())),
                        () -> b.append(" |"));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** Writes the three files into {@code dir} (created if needed), each atomically. */
    public static List<Path> write(QualityBench.Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        return List.of(writeAtomically(dir.resolve(SUMMARY_FILE), summaryMarkdown(report)),
                writeAtomically(dir.resolve(SUMMARY_CSV), summaryCsv(report)),
                writeAtomically(dir.resolve(SCORES_FILE), scoresCsv(report)));
    }

    private static Path writeAtomically(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private static String quote(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
