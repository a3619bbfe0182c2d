package io.vieweratlas.core.analysis;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PartitionComparisonTest {

    /** Truth {a,b,c} {d,e,f}; found {a,b} {c,d} {e,f}. */
    private static final Map<String, Integer> TRUTH = Map.of("a", 1, "b", 1, "c", 1, "d", 2, "e", 2, "f", 2);
    private static final Map<String, String> FOUND = Map.of("a", "x", "b", "x", "c", "y", "d", "y", "e", "z",
            "f", "z");

    @Test
    void nmiMatchesTheHandComputedValue() {
        // I = 2/3 ln 2 (two cells of 2 items carry ln 2 each, the cells of 1 carry 0); H = ln 2, ln 3
        double expected = 2 * (2.0 / 3 * Math.log(2)) / (Math.log(2) + Math.log(3));
        assertEquals(expected, PartitionComparison.nmi(TRUTH, FOUND), 1e-12);
        assertEquals(0.5158037, PartitionComparison.nmi(TRUTH, FOUND), 1e-6);
    }

    @Test
    void ariMatchesTheHandComputedValue() {
        // Σ C(n_ij,2) = 2, Σ C(a_i,2) = 6, Σ C(b_j,2) = 3, C(6,2) = 15: E = 1.2, max = 4.5
        assertEquals((2 - 1.2) / (4.5 - 1.2), PartitionComparison.ari(TRUTH, FOUND), 1e-12);
        assertEquals(0.2424242, PartitionComparison.ari(TRUTH, FOUND), 1e-6);
    }

    @Test
    void ariIsOneForRenamedEqualPartitionsAndZeroAgainstOneBlockOfSingletons() {
        Map<String, String> renamed = Map.of("a", "q", "b", "q", "c", "q", "d", "r", "e", "r", "f", "r");
        assertEquals(1.0, PartitionComparison.ari(TRUTH, renamed), 1e-12);
        Map<String, Integer> singletons = new TreeMap<>();
        Map<String, Integer> oneBlock = new TreeMap<>();
        for (String s : TRUTH.keySet()) {
            singletons.put(s, s.charAt(0) - 'a');
            oneBlock.put(s, 0);
        }
        assertEquals(0.0, PartitionComparison.ari(singletons, oneBlock), 1e-12);
        assertEquals(1.0, PartitionComparison.ari(oneBlock, oneBlock), 1e-12);
    }

    @Test
    void ariIsNegativeBelowChance() {
        // truth {a,b} {c,d}; found {a,c} {b,d}: no pair agrees; E = 2·2/6, max = 2
        Map<String, Integer> t = Map.of("a", 0, "b", 0, "c", 1, "d", 1);
        Map<String, Integer> f = Map.of("a", 0, "c", 0, "b", 1, "d", 1);
        assertEquals((0 - 2.0 / 3) / (2 - 2.0 / 3), PartitionComparison.ari(t, f), 1e-12);
    }

    @Test
    void bestJaccardGivesEveryTrueBlockItsBestMatch() {
        SortedMap<Integer, Double> best = PartitionComparison.bestJaccard(TRUTH, FOUND);
        // {a,b,c} best matches {a,b}: 2 / 3 (against {c,d}: 1 / 4); {d,e,f} best matches {e,f}: 2 / 3
        assertEquals(Map.of(1, 2.0 / 3, 2, 2.0 / 3), best);
        assertEquals(Map.of(1, 1.0, 2, 1.0), PartitionComparison.bestJaccard(TRUTH, TRUTH));
    }

    @Test
    void differentItemsAreRejected() {
        Map<String, Integer> other = Map.of("a", 1);
        assertThrows(IllegalArgumentException.class, () -> PartitionComparison.ari(TRUTH, other));
        assertThrows(IllegalArgumentException.class, () -> PartitionComparison.bestJaccard(TRUTH, other));
    }
}
