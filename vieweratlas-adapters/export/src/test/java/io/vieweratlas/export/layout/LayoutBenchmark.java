package io.vieweratlas.export.layout;

import java.util.Locale;

/** Times the layout on a synthetic 5,000-node, 100,000-edge graph: {@code LayoutBenchmark [n] [edges] [runs]}. */
public final class LayoutBenchmark {
    private LayoutBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int edges = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        SyntheticGraph g = new SyntheticGraph(n, 40, edges, 0.8, 7);
        ForceAtlas2 fa2 = new ForceAtlas2(LayoutOptions.defaults(42));
        for (int run = 0; run < runs; run++) {
            long t0 = System.nanoTime();
            fa2.layout(g.n, g.community, g.src, g.dst, g.weight);
            System.out.printf(Locale.ROOT, "run %d: %d nodes, %d edges, %d iterations: %.0f ms%n", run, n, edges,
                    fa2.options().iterations(), (System.nanoTime() - t0) / 1e6);
        }
    }
}
