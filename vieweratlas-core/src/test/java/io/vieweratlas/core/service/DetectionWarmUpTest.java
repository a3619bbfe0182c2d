package io.vieweratlas.core.service;

import io.vieweratlas.core.analysis.CommunityAlgorithm;
import io.vieweratlas.core.analysis.community.CommunityDetector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The warm-up really runs detection (it finds the planted groups) and changes nothing that runs after it. */
class DetectionWarmUpTest {

    private static CommunityDetector.Partition detect() {
        int[] source = {0, 0, 1, 2, 3, 4};
        int[] target = {1, 2, 2, 3, 4, 5};
        double[] weight = {3, 1, 2, 1, 5, 2};
        return CommunityDetector.detect(6, source, target, weight, CommunityAlgorithm.LEIDEN, 1.0, 7, 1);
    }

    @Test
    void warmUpFindsThePlantedGroupsAndLeavesLaterRunsUnchanged() {
        CommunityDetector.Partition before = detect();
        for (CommunityAlgorithm algorithm : CommunityAlgorithm.values()) {
            double q = DetectionWarmUp.run(algorithm);
            assertTrue(q > 0.8 && q < 1, algorithm + " modularity " + q);
            DetectionWarmUp.run(algorithm);
        }
        CommunityDetector.Partition after = detect();
        assertArrayEquals(before.community(), after.community());
        assertEquals(before.modularity(), after.modularity(), 0.0);
        assertThrows(NullPointerException.class, () -> DetectionWarmUp.run(null));
    }
}
