package io.vieweratlas.core.analysis.viewer;

import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ViewerKeysTest {

    /** Guava's MurmurHash3 x64 128 (seed 0) as (first 64 bits, low 32 bits of the second half). */
    private static ViewerKeys.Key reference(byte[] bytes) {
        HashCode code = Hashing.murmur3_128().hashBytes(bytes);
        ByteBuffer b = ByteBuffer.wrap(code.asBytes()).order(ByteOrder.LITTLE_ENDIAN);
        long h1 = b.getLong();
        long h2 = b.getLong();
        return new ViewerKeys.Key(h1, (int) h2);
    }

    @Test
    void isMurmurHash3X64128ForEveryLengthAndByteValue() {
        Random random = new Random(7);
        for (int len = 0; len <= 70; len++) {
            for (int trial = 0; trial < 50; trial++) {
                byte[] bytes = new byte[len];
                random.nextBytes(bytes); // negative bytes too: non-ASCII UTF-8
                assertEquals(reference(bytes), key(bytes, 0, len), "length " + len);
                // inside a larger buffer (as logins in a file), with other bytes on both sides
                byte[] padded = new byte[len + 20];
                random.nextBytes(padded);
                System.arraycopy(bytes, 0, padded, 3, len);
                assertEquals(reference(bytes), key(padded, 3, len), "length " + len + " in a buffer");
            }
        }
    }

    @Test
    void hashesTheGivenRangeOnly() {
        byte[] padded = "xx\"night_owl\"yy".getBytes(StandardCharsets.US_ASCII);
        assertEquals(ViewerKeys.of("night_owl"), key(padded, 3, 9));
    }

    @Test
    void stringsAreHashedAsUtf8ExactlyAsGiven() {
        assertEquals(reference("ünïcødé".getBytes(StandardCharsets.UTF_8)), ViewerKeys.of("ünïcødé"));
        assertNotEquals(ViewerKeys.of("alice"), ViewerKeys.of("Alice"));
        assertNotEquals(ViewerKeys.of("alice"), ViewerKeys.of("alice "));
        assertEquals(reference(new byte[0]), ViewerKeys.of(""));
    }

    @Test
    void millionsOfSimilarLoginsGetDistinctKeys() {
        Set<ViewerKeys.Key> keys = new HashSet<>();
        for (int i = 0; i < 2_000_000; i++) {
            keys.add(ViewerKeys.of("viewer_" + i));
        }
        assertEquals(2_000_000, keys.size());
    }

    private static ViewerKeys.Key key(byte[] src, int off, int len) {
        long[] high = new long[3];
        int[] low = new int[3];
        ViewerKeys.hash(src, off, len, high, low, 1);
        return new ViewerKeys.Key(high[1], low[1]);
    }
}
