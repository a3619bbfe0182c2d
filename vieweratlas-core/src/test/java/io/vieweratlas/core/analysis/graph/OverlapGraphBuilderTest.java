package io.vieweratlas.core.analysis.graph;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.aggregate.Audiences;
import io.vieweratlas.core.analysis.viewer.ViewerIds;
import io.vieweratlas.core.analysis.viewer.ViewerKeys;
import io.vieweratlas.core.model.ChannelMeta;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pair counts of the overlap graph against a dense brute-force count, at a size where the index is built in parts. */
class OverlapGraphBuilderTest {

    @Test
    void largeAudiencesMatchBruteForceCounts() {
        int channels = 120;
        int viewers = 20_000;
        // an id space of `viewers` ids (which login has which id does not matter here)
        long[] high = new long[viewers];
        int[] low = new int[viewers];
        for (int v = 0; v < viewers; v++) {
            ViewerKeys.Key k = ViewerKeys.of("viewer" + v);
            high[v] = k.high();
            low[v] = k.low();
        }
        ViewerIds ids = ViewerIds.assign(high, low, viewers, 1).ids();
        Random r = new Random(11);
        int[] off = new int[channels + 1];
        List<int[]> rows = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            // audiences of very different sizes, members in no particular order (as loaders give them)
            int size = 200 + r.nextInt(c % 7 == 0 ? 8000 : 1500);
            int[] row = r.ints(0, viewers).distinct().limit(size).toArray();
            rows.add(row);
            off[c + 1] = off[c] + row.length;
        }
        int[] mem = new int[off[channels]];
        List<String> names = new ArrayList<>();
        List<ChannelMeta> meta = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            System.arraycopy(rows.get(c), 0, mem, off[c], rows.get(c).length);
            String name = String.format("ch%03d", c);
            names.add(name);
            meta.add(new ChannelMeta(name, 0, "", "", ""));
        }
        int[] obs = new int[channels];
        Arrays.fill(obs, 1);
        Audiences a = new Audiences(names, off, mem, obs, meta, ids);
        int threshold = 40;
        OverlapGraph g = OverlapGraphBuilder.build(a, AnalysisParameters.builder().overlapThreshold(threshold).build());

        int[][] dense = new int[channels][channels];
        int[][] byViewer = new int[viewers][];
        int[] deg = new int[viewers];
        for (int v : mem) {
            deg[v]++;
        }
        for (int v = 0; v < viewers; v++) {
            byViewer[v] = new int[deg[v]];
        }
        Arrays.fill(deg, 0);
        for (int c = 0; c < channels; c++) {
            for (int i = off[c]; i < off[c + 1]; i++) {
                byViewer[mem[i]][deg[mem[i]]++] = c;
            }
        }
        long increments = 0;
        for (int[] list : byViewer) {
            for (int x = 0; x < list.length; x++) {
                for (int y = x + 1; y < list.length; y++) {
                    dense[list[x]][list[y]]++;
                    increments++;
                }
            }
        }
        List<int[]> want = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            for (int j = i + 1; j < channels; j++) {
                if (dense[i][j] >= threshold) {
                    want.add(new int[] {i, j, dense[i][j]});
                }
            }
        }
        assertEquals(want.size(), g.edgeCount());
        for (int e = 0; e < want.size(); e++) {
            assertArrayEquals(want.get(e), new int[] {g.source()[e], g.target()[e], g.shared()[e]}, "edge " + e);
        }
        assertEquals(increments, g.pairIncrements());
    }

    @Test
    void integerDistributionEqualsTheSortedOne() {
        Random r = new Random(3);
        for (int len : new int[] {1, 2, 3, 10, 1001, 5000}) {
            int[] values = r.ints(len, 0, 300).toArray();
            double[] d = Arrays.stream(values).asDoubleStream().toArray();
            assertEquals(GraphStatisticsCalculator.distribution(d), GraphStatisticsCalculator.distribution(values),
                    "length " + len);
        }
        // wide range and negative values take the sorting path
        int[] wide = {5, 1_000_000_000, 7, 3};
        assertEquals(GraphStatisticsCalculator.distribution(new double[] {5, 1e9, 7, 3}),
                GraphStatisticsCalculator.distribution(wide));
        assertEquals(GraphStatisticsCalculator.distribution(new double[] {-2, 4, 1}),
                GraphStatisticsCalculator.distribution(new int[] {-2, 4, 1}));
    }
}
