package io.vieweratlas.synth;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SortingTest {

    @Test
    void stringSortAgreesWithCompareToOnLoginsWithSharedPrefixes() {
        SplittableRandom r = new SplittableRandom(3);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            words.add(i % 3 == 0 ? Names.viewer(r) : Names.channel(r));
        }
        words.addAll(List.of("a", "ab", "abc", "ab_", "ab0", "", "z", "sleepy", "sleepyotter", "sleepyotter1",
                "sleepyotter12345678", "sleepyotter12345679", "sleepyotter1234567", "sleepyotter_", "sleepyotte"));
        for (int i = 0; i < 3_000; i++) {
            words.add("abcdefghijkl" + i); // groups that agree on two whole passes
        }
        String[] ours = words.toArray(String[]::new);
        String[] expected = ours.clone();
        Arrays.sort(expected);
        StringSort.sort(ours);
        assertArrayEquals(expected, ours);
        StringSort.sort(new String[0]);
        assertThrows(IllegalArgumentException.class, () -> StringSort.sort(new String[] {"abc", "Abc", "x", "y",
            "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "b1", "b2", "b3", "b4"}));
    }

    @Test
    void alreadySortedAndReversedInputsSort() {
        String[] sorted = new String[5_000];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = String.format("user%05d", i);
        }
        String[] reversed = sorted.clone();
        java.util.Collections.reverse(Arrays.asList(reversed));
        StringSort.sort(reversed);
        assertArrayEquals(sorted, reversed);
    }

    @Test
    void sortedArraySetBehavesLikeTheSortedSetItViews() {
        String[] items = {"x", "alpha", "bravo", "charlie", "delta", "y"};
        SortedArraySet set = new SortedArraySet(items, 1, 5);
        TreeSet<String> expected = new TreeSet<>(List.of("alpha", "bravo", "charlie", "delta"));
        assertEquals(expected, set);
        assertEquals(4, set.size());
        assertNull(set.comparator());
        assertEquals("alpha", set.first());
        assertEquals("delta", set.last());
        assertTrue(set.contains("charlie"));
        assertFalse(set.contains("x"));
        assertEquals(expected.headSet("c"), set.headSet("c"));
        assertEquals(expected.tailSet("bravo"), set.tailSet("bravo"));
        assertEquals(expected.subSet("b", "d"), set.subSet("b", "d"));
        assertEquals(new TreeSet<>(set), expected, "a TreeSet copy keeps every element");
        SortedArraySet empty = new SortedArraySet(items, 2, 2);
        assertThrows(NoSuchElementException.class, empty::first);
        assertThrows(NoSuchElementException.class, () -> empty.iterator().next());
        assertThrows(IllegalArgumentException.class, () -> set.subSet("d", "b"));
    }
}
