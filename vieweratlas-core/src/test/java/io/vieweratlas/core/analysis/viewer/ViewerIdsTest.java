package io.vieweratlas.core.analysis.viewer;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ViewerIdsTest {

    @Test
    void equalKeysShareAnIdAndIdsAreDense() {
        // 400,000 occurrences of 60,000 logins: many partitions, repeats across both threads' chunks
        Random random = new Random(3);
        int count = 400_000;
        long[] high = new long[count];
        int[] low = new int[count];
        String[] logins = new String[count];
        for (int i = 0; i < count; i++) {
            logins[i] = "viewer_" + random.nextInt(60_000);
            ViewerKeys.Key k = ViewerKeys.of(logins[i]);
            high[i] = k.high();
            low[i] = k.low();
        }
        ViewerIds.Assignment a = ViewerIds.assign(high, low, count, 2);
        Map<String, Integer> idOf = new HashMap<>();
        for (int i = 0; i < count; i++) {
            Integer previous = idOf.putIfAbsent(logins[i], a.dense()[i]);
            if (previous != null) {
                assertEquals(previous, a.dense()[i], logins[i]);
            }
        }
        assertEquals(idOf.size(), a.ids().size());
        assertEquals(idOf.size(), (int) idOf.values().stream().distinct().count());
        assertTrue(idOf.values().stream().allMatch(id -> id >= 0 && id < a.ids().size()));
        idOf.forEach((login, id) -> {
            assertEquals(id, a.ids().find(login));
            assertEquals(ViewerKeys.of(login), a.ids().key(id));
        });
        assertEquals(-1, a.ids().find("nobody"));
    }

    @Test
    void idsDoNotDependOnTheNumberOfThreads() {
        Random random = new Random(5);
        int count = 300_000;
        long[] high = new long[count];
        int[] low = new int[count];
        for (int i = 0; i < count; i++) {
            ViewerKeys.Key k = ViewerKeys.of("v" + random.nextInt(100_000));
            high[i] = k.high();
            low[i] = k.low();
        }
        int[] one = ViewerIds.assign(high, low, count, 1).dense();
        assertArrayEquals(one, ViewerIds.assign(high, low, count, 2).dense());
        assertArrayEquals(one, ViewerIds.assign(high, low, count, 7).dense());
    }

    @Test
    void keysThatDifferOnlyInTheLowBitsAreDifferentViewers() {
        long[] high = {42, 42, 42, Long.MIN_VALUE, 42};
        int[] low = {1, 2, 1, 1, 2};
        ViewerIds.Assignment a = ViewerIds.assign(high, low, high.length, 2);
        assertArrayEquals(new int[] {0, 1, 0, 2, 1}, a.dense());
        assertEquals(3, a.ids().size());
        assertEquals(1, a.ids().find(new ViewerKeys.Key(42, 2)));
        assertEquals(-1, a.ids().find(new ViewerKeys.Key(42, 3)));
    }

    @Test
    void moreOccurrencesThanOneTableHoldsAreRefusedUpFront() {
        // rows may share arrays: 1,025 rows over one array of 2^20 keys pass the limit without the memory
        int len = 1 << 20;
        int rows = ViewerIds.MAX_OCCURRENCES / len + 1;
        long[] high = new long[len];
        int[] low = new int[len];
        long[][] highs = new long[rows][];
        int[][] lows = new int[rows][];
        Arrays.fill(highs, high);
        Arrays.fill(lows, low);
        int[] start = new int[rows];
        int[] length = new int[rows];
        Arrays.fill(length, len);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ViewerIds.assign(highs, lows, start, length, 2));
        assertTrue(e.getMessage().contains("too many viewer occurrences"), e.getMessage());
        length[0] = len + 1;
        assertThrows(IllegalArgumentException.class, () -> ViewerIds.assign(highs, lows, start, length, 2));
    }

    @Test
    void emptyInputAndBadArguments() {
        ViewerIds.Assignment a = ViewerIds.assign(new long[0], new int[0], 0, 2);
        assertEquals(0, a.ids().size());
        assertEquals(0, a.dense().length);
        assertEquals(-1, a.ids().find("x"));
        assertThrows(IllegalArgumentException.class, () -> ViewerIds.assign(new long[1], new int[1], 2, 1));
        assertThrows(IllegalArgumentException.class, () -> ViewerIds.assign(new long[1], new int[1], 1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> a.ids().key(0));
        assertTrue(Arrays.stream(ViewerIds.assign(new long[] {7}, new int[] {7}, 1, 1).dense()).allMatch(d -> d == 0));
    }
}
