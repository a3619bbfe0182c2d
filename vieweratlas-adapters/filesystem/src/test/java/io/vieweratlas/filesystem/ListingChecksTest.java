package io.vieweratlas.filesystem;

import io.vieweratlas.core.port.ObjectKeys;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The per-entry shortcuts of the listing walk agree with the whole-key rules they stand in for. */
class ListingChecksTest {

    private static boolean wholeKeyRule(String key) {
        if (FileSystemObjectStore.isReserved(key)) {
            return true;
        }
        try {
            ObjectKeys.requireValid(key);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    @Test
    void childCheckEqualsTheWholeKeyCheckBelowAValidPrefix() {
        List<String> prefixes = List.of("", "raw/", "raw/snapshots/2024/01/02/", "c/", "x:/", ".locks2/");
        List<String> names = List.of("a.json", ".locks", ".locks2", ".tmp-123", "a.tmp-", ".", "..", "c:", "c:x",
                "ab:", "back\\slash", "tab\there", "del\u007f", "ok name", "ünï", "\uD83D\uDE00", "-", "x");
        for (String prefix : prefixes) {
            if (!prefix.isEmpty() && wholeKeyRule(prefix.substring(0, prefix.length() - 1))) {
                continue; // the walk never descends into such a directory (e.g. "x:" at the root)
            }
            for (String name : names) {
                assertEquals(wholeKeyRule(prefix + name),
                        FileSystemObjectStore.isReservedOrUnaddressableChild(prefix, name), prefix + name);
            }
        }
    }

    @Test
    void keyOrderIsCodePointOrder() {
        Random random = new Random(11);
        char[] alphabet = {'a', 'b', '-', '/', '~', '\u00e9', '\uffee', '\uD83D', '\uDE00', '\uD800', '\uDFFF'};
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(6); k > 0; k--) {
                b.append(alphabet[random.nextInt(alphabet.length)]);
            }
            strings.add(b.toString());
        }
        for (String a : strings) {
            for (String b : strings) {
                int expected = Integer.signum(compareCodePoints(a, b));
                assertEquals(expected, Integer.signum(KeyOrder.compare(a, b)), a + " vs " + b);
            }
        }
    }

    private static int compareCodePoints(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        return java.util.Arrays.compare(x, y);
    }
}
