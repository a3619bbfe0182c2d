package io.vieweratlas.export.layout;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.export.ExportBenchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Layout time and quality by number of iterations on the graph of an {@code analyze} output
 * directory: {@code LayoutSweep DIR [threads] [iterations...]}.
 */
public final class LayoutSweep {
    private LayoutSweep() {
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws IOException {
        if (args[0].equals("planted")) {
            SyntheticGraph g = new SyntheticGraph(3000, 24, 60_000, 0.85, 5);
            sweep(args, g.n, g.community, g.src, g.dst, g.weight);
            return;
        }
        AnalysisResult r = ExportBenchmark.read(Path.of(args[0]));
        int n = r.nodes().size();
        Map<String, Integer> index = new HashMap<>();
        int[] community = new int[n];
        for (int i = 0; i < n; i++) {
            index.put(r.nodes().get(i).id(), i);
            community[i] = r.nodes().get(i).community();
        }
        int m = r.edges().size();
        int[] src = new int[m];
        int[] dst = new int[m];
        double[] w = new double[m];
        for (int k = 0; k < m; k++) {
            GraphEdge e = r.edges().get(k);
            src[k] = index.get(e.source());
            dst[k] = index.get(e.target());
            w[k] = e.weight();
        }
        sweep(args, n, community, src, dst, w);
    }

    private static void sweep(String[] args, int n, int[] community, int[] src, int[] dst, double[] w) {
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        for (int a = 2; a < Math.max(args.length, 3); a++) {
            int iterations = args.length > a ? Integer.parseInt(args[a]) : 200;
            long t0 = System.nanoTime();
            long c0 = cpu();
            double[][] xy = Layouts.run(LayoutOptions.defaults(42).withIterations(iterations), threads, n, community,
                    src, dst, w);
            double ms = (System.nanoTime() - t0) / 1e6;
            double cpuMs = (cpu() - c0) / 1e6;
            System.out.printf(Locale.ROOT, "iterations %4d: %6.0f ms (cpu %6.0f ms)  edge-length ratio %.4f  nn purity %.4f  "
                            + "spread/gap %.4f  barycentre %.4f%n", iterations, ms, cpuMs,
                    LayoutQuality.edgeLengthRatio(xy, community, src, dst, w),
                    LayoutQuality.nearestNeighbourPurity(xy, community), LayoutQuality.spreadToGap(xy, community),
                    LayoutQuality.barycentreRatio(xy, community, src, dst, w));
        }
    }
}
