package io.vieweratlas.core.analysis.viewer;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The identity of a viewer during analysis: 96 bits of the MurmurHash3 x64 128 hash (seed 0) of
 * the login's UTF-8 bytes — the first 64-bit half ({@code high}) and the low 32 bits of the second
 * ({@code low}).
 *
 * <p>Why a hash and not the login: loading a lake touches every login occurrence (6.9 million on
 * the large benchmark lake), and looking each one up in a shared table of distinct logins costs a
 * cache miss or two per occurrence. Hashing needs only the bytes at hand, so loading threads share
 * nothing; {@link ViewerIds#assign} later turns keys into dense ids with cache-sized partitions.
 * Two different logins share an identity only if they agree on all 96 bits: for {@code n} distinct
 * logins the chance that any pair does is about {@code n² / 2⁹⁷} — 2·10⁻¹⁷ for the large lake's
 * 1.74 million logins, 2·10⁻¹⁴ for 50 million — far below the rate of undetected memory errors.
 * MurmurHash3 is not a cryptographic hash: someone could search for two logins that collide and
 * register both, which would merge two accounts in the audience graph; that is one membership,
 * not a way to move communities.
 */
public final class ViewerKeys {

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private ViewerKeys() {
    }

    /**
     * One viewer's key.
     *
     * @param high the first 64 bits of the hash
     * @param low  32 further bits
     */
    public record Key(long high, int low) {
    }

    /** The key of {@code login} (hashed as UTF-8, exactly as given: no case folding or trimming). */
    public static Key of(String login) {
        Objects.requireNonNull(login, "login");
        byte[] b = login.getBytes(StandardCharsets.UTF_8);
        long[] high = new long[1];
        int[] low = new int[1];
        hash(b, 0, b.length, high, low, 0);
        return new Key(high[0], low[0]);
    }

    /**
     * Hashes {@code src[off, off + len)} and stores the key at {@code high[at]}, {@code low[at]}
     * (arrays rather than a returned object: this runs once per login occurrence while loading).
     */
    public static void hash(byte[] src, int off, int len, long[] high, int[] low, int at) {
        long h1 = 0;
        long h2 = 0;
        int blocks = len >>> 4;
        int p = off;
        for (int i = 0; i < blocks; i++, p += 16) {
            long k1 = littleEndian(src, p);
            long k2 = littleEndian(src, p + 8);
            h1 ^= mixK1(k1);
            h1 = Long.rotateLeft(h1, 27) + h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= mixK2(k2);
            h2 = Long.rotateLeft(h2, 31) + h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int tail = len & 15;
        if (tail > 8) {
            h2 ^= mixK2(partial(src, p + 8, tail - 8));
        }
        if (tail > 0) {
            h1 ^= mixK1(partial(src, p, Math.min(8, tail)));
        }
        h1 ^= len;
        h2 ^= len;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        h2 += h1;
        high[at] = h1;
        low[at] = (int) h2;
    }

    private static long mixK1(long k1) {
        return Long.rotateLeft(k1 * C1, 31) * C2;
    }

    private static long mixK2(long k2) {
        return Long.rotateLeft(k2 * C2, 33) * C1;
    }

    private static long littleEndian(byte[] b, int p) {
        return (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16 | (b[p + 3] & 0xffL) << 24
                | (b[p + 4] & 0xffL) << 32 | (b[p + 5] & 0xffL) << 40 | (b[p + 6] & 0xffL) << 48
                | (b[p + 7] & 0xffL) << 56;
    }

    /** The first {@code n} (1..8) bytes at {@code p} as a little-endian word. */
    private static long partial(byte[] b, int p, int n) {
        if (p + 8 <= b.length) {
            // a login inside a larger buffer (a file's bytes): read a whole word, keep n bytes
            return littleEndian(b, p) & (-1L >>> (64 - 8 * n));
        }
        long k = 0;
        for (int i = n - 1; i >= 0; i--) {
            k = (k << 8) | (b[p + i] & 0xffL);
        }
        return k;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
