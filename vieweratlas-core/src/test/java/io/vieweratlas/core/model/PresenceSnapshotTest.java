package io.vieweratlas.core.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PresenceSnapshotTest {

    private static final Instant T = Instant.parse("2026-01-05T00:00:00Z");

    @Test
    void sortedAndUnsortedChattersGiveTheSameSnapshot() {
        List<String> unsorted = List.of("zed", "amy", "bob", "amy");
        PresenceSnapshot fromList = PresenceSnapshot.builder("chan", T).chatters(unsorted).build();
        PresenceSnapshot fromSortedSet = PresenceSnapshot.builder("chan", T).chatters(new TreeSet<>(unsorted)).build();
        assertEquals(List.of("amy", "bob", "zed"), List.copyOf(fromList.chatters()));
        assertEquals(fromList, fromSortedSet);
    }

    @Test
    void blankOrNullChattersAreRejectedAlsoFromASortedSet() {
        TreeSet<String> withBlank = new TreeSet<>(List.of(" ", "amy"));
        assertThrows(IllegalArgumentException.class, () -> PresenceSnapshot.builder("chan", T).chatters(withBlank).build());
        assertThrows(NullPointerException.class,
                () -> PresenceSnapshot.builder("chan", T).chatters(Arrays.asList("amy", null)).build());
        TreeSet<String> reversed = new TreeSet<>(Collections.reverseOrder());
        reversed.addAll(List.of("amy", "zed"));
        // A set sorted another way is re-sorted, not copied as is.
        assertEquals(List.of("amy", "zed"), List.copyOf(PresenceSnapshot.builder("chan", T).chatters(reversed).build().chatters()));
    }
}
