package io.vieweratlas.export.layout;

/** Runs a layout with a given number of threads (used by the sweep). */
final class Layouts {
    private Layouts() {
    }

    static double[][] run(LayoutOptions options, int threads, int n, int[] community, int[] src, int[] dst,
                          double[] w) {
        return new ForceAtlas2(options, threads).layout(n, community, src, dst, w);
    }
}
