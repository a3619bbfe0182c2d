package io.vieweratlas.core.analysis.intern;

import java.util.Arrays;

/**
 * Maps logins to small integer ids without creating a {@code String} per occurrence: the
 * characters live in one {@code char[]} arena per stripe and the hash table is a primitive
 * {@code long[]} of {@code (hash << 32) | arena offset} slots with linear probing, so a lookup
 * costs one hash, usually one table cache line and one arena cache line (which also holds the id).
 *
 * <p>Thread-safe: the table is split into {@value #STRIPES} stripes chosen by the hash's high bits,
 * each guarded by its own lock, so parser threads intern concurrently with little contention.
 * While loading, {@link #intern} returns a <em>provisional</em> id (stripe and local index);
 * after {@link #freeze()} every login has a dense id in {@code [0, size())} obtained with
 * {@link #denseId(int)}. Dense ids depend on which thread interned first, so nothing that is
 * published may depend on their numeric order; results use logins or counts only.
 */
public final class LoginInterner {

    static final int STRIPE_BITS = 6;
    /** Number of independently locked stripes. */
    public static final int STRIPES = 1 << STRIPE_BITS;
    private static final int LOCAL_BITS = 32 - STRIPE_BITS - 1;
    private static final int LOCAL_MASK = (1 << LOCAL_BITS) - 1;

    private final Stripe[] stripes = new Stripe[STRIPES];
    private int[] base;

    /** An empty interner sized for about {@code expectedLogins} distinct logins. */
    public LoginInterner(int expectedLogins) {
        if (expectedLogins < 0) {
            throw new IllegalArgumentException("expectedLogins must be >= 0, was " + expectedLogins);
        }
        int perStripe = Math.max(16, expectedLogins / STRIPES);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe(perStripe);
        }
    }

    /** An empty interner with a small initial size. */
    public LoginInterner() {
        this(1024);
    }

    /**
     * The provisional id of the login in {@code chars[offset, offset + length)}, adding it if new.
     *
     * @throws IllegalStateException after {@link #freeze()}
     */
    public int intern(char[] chars, int offset, int length) {
        return intern(hash(chars, offset, length), chars, offset, length);
    }

    /** Like {@link #intern(char[], int, int)} with the login's {@link #hash} already computed. */
    int intern(int h, char[] chars, int offset, int length) {
        int s = h >>> (32 - STRIPE_BITS);
        Stripe stripe = stripes[s];
        int local;
        synchronized (stripe) {
            if (base != null) {
                throw new IllegalStateException("interner is frozen");
            }
            local = stripe.intern(h, chars, offset, length);
        }
        return (s << LOCAL_BITS) | local;
    }

    /**
     * Interns {@code count} ASCII logins given as byte ranges of {@code src} (every byte in
     * {@code 0x21..0x7e}; the caller checks), writing each provisional id to {@code ids[i]}.
     * Equal to interning the same characters one by one, but each stripe's lock is taken once per
     * call and the lookups under it run back to back, so their cache misses overlap instead of
     * being serialised by one lock acquisition each.
     *
     * @param hashes {@link #hash(byte[], int, int)} of each login
     */
    public void internAll(byte[] src, int[] offsets, int[] lengths, int[] hashes, int count, int[] ids) {
        int[] starts = new int[STRIPES + 1];
        for (int i = 0; i < count; i++) {
            starts[(hashes[i] >>> (32 - STRIPE_BITS)) + 1]++;
        }
        for (int s = 0; s < STRIPES; s++) {
            starts[s + 1] += starts[s];
        }
        int[] order = new int[count];
        int[] fill = Arrays.copyOf(starts, STRIPES);
        for (int i = 0; i < count; i++) {
            order[fill[hashes[i] >>> (32 - STRIPE_BITS)]++] = i;
        }
        // start at a stripe that differs from call to call, so that threads interning batches at
        // the same time do not walk the stripes in lockstep and queue on each other's locks
        int first = count == 0 ? 0 : hashes[0] & (STRIPES - 1);
        for (int r = 0; r < STRIPES; r++) {
            int s = (first + r) & (STRIPES - 1);
            if (starts[s] == starts[s + 1]) {
                continue;
            }
            Stripe stripe = stripes[s];
            synchronized (stripe) {
                if (base != null) {
                    throw new IllegalStateException("interner is frozen");
                }
                for (int k = starts[s]; k < starts[s + 1]; k++) {
                    int i = order[k];
                    ids[i] = (s << LOCAL_BITS) | stripe.intern(hashes[i], src, offsets[i], lengths[i]);
                }
            }
        }
    }

    /** The provisional id of {@code login}, adding it if new. */
    public int intern(String login) {
        char[] c = login.toCharArray();
        return intern(c, 0, c.length);
    }

    /**
     * Ends loading and assigns dense ids. Idempotent.
     */
    public synchronized void freeze() {
        if (base != null) {
            return;
        }
        int[] b = new int[STRIPES + 1];
        for (int i = 0; i < STRIPES; i++) {
            synchronized (stripes[i]) {
                b[i + 1] = b[i] + stripes[i].size;
            }
        }
        base = b;
    }

    private int[] frozenBase() {
        int[] b = base;
        if (b == null) {
            throw new IllegalStateException("interner is not frozen yet");
        }
        return b;
    }

    /** The dense id of a provisional id. Requires {@link #freeze()}. */
    public int denseId(int provisionalId) {
        return frozenBase()[provisionalId >>> LOCAL_BITS] + (provisionalId & LOCAL_MASK);
    }

    /** Rewrites provisional ids in {@code ids[from, to)} to dense ids in place. Requires {@link #freeze()}. */
    public void toDense(int[] ids, int from, int to) {
        int[] b = frozenBase();
        for (int i = from; i < to; i++) {
            int p = ids[i];
            ids[i] = b[p >>> LOCAL_BITS] + (p & LOCAL_MASK);
        }
    }

    /** Number of distinct logins. */
    public int size() {
        if (base != null) {
            return base[STRIPES];
        }
        int n = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                n += s.size;
            }
        }
        return n;
    }

    /** The dense id of {@code login}, or -1 if it was never interned. Requires {@link #freeze()}. */
    public int find(String login) {
        int[] b = frozenBase();
        char[] c = login.toCharArray();
        int h = hash(c, 0, c.length);
        int s = h >>> (32 - STRIPE_BITS);
        int local = stripes[s].find(h, c, 0, c.length);
        return local < 0 ? -1 : b[s] + local;
    }

    /** The login with dense id {@code id}. Requires {@link #freeze()}. */
    public String login(int id) {
        int[] b = frozenBase();
        if (id < 0 || id >= b[STRIPES]) {
            throw new IllegalArgumentException("login id " + id + " out of range [0, " + b[STRIPES] + ")");
        }
        int s = Arrays.binarySearch(b, id);
        if (s < 0) {
            s = -s - 2;
        } else {
            while (s < STRIPES && b[s + 1] == id) {
                s++; // skip empty stripes that share the same base
            }
        }
        return stripes[s].login(id - b[s]);
    }

    /** Bytes held by the tables and arenas (approximate), for benchmarks. */
    public long footprintBytes() {
        long n = 0;
        for (Stripe s : stripes) {
            n += 8L * s.table.length + 2L * s.arena.length + 4L * s.offsets.length;
        }
        return n;
    }

    static int hash(char[] c, int off, int len) {
        int h = 0x811c9dc5;
        for (int i = off, end = off + len; i < end; i++) {
            h = (h ^ c[i]) * 0x01000193;
        }
        // murmur3 finalizer: spreads bits so the stripe (high bits) and slot (low bits) are independent
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /** The same hash as {@link #hash(char[], int, int)} of the chars of ASCII bytes. */
    public static int hash(byte[] c, int off, int len) {
        int h = 0x811c9dc5;
        for (int i = off, end = off + len; i < end; i++) {
            h = (h ^ (c[i] & 0xff)) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /**
     * One open-addressing table with its own character arena. A slot holds
     * {@code (hash << 32) | (arenaOffset + 1)}; the arena holds per login a header of three chars
     * (id high, id low, length) followed by the login's chars. A lookup therefore touches one table
     * slot and one arena position (usually one cache line each); the id comes from the header.
     */
    private static final class Stripe {
        private static final int HEADER = 3;
        long[] table;
        int mask;
        char[] arena;
        int arenaUsed;
        int[] offsets; // offsets[id] = arena offset of login id's header (for login(id) only)
        int size;

        Stripe(int expected) {
            int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
            table = new long[cap];
            mask = cap - 1;
            arena = new char[Math.max(64, expected * 16)];
            offsets = new int[Math.max(16, expected)];
        }

        int find(int h, char[] c, int off, int len) {
            int slot = h & mask;
            while (true) {
                long e = table[slot];
                if (e == 0) {
                    return -1;
                }
                if ((int) (e >>> 32) == h) {
                    int at = (int) e - 1;
                    if (equalsAt(at, c, off, len)) {
                        return idAt(at);
                    }
                }
                slot = (slot + 1) & mask;
            }
        }

        int intern(int h, char[] c, int off, int len) {
            int slot = h & mask;
            while (true) {
                long e = table[slot];
                if (e == 0) {
                    break;
                }
                if ((int) (e >>> 32) == h) {
                    int at = (int) e - 1;
                    if (equalsAt(at, c, off, len)) {
                        return idAt(at);
                    }
                }
                slot = (slot + 1) & mask;
            }
            int id = size;
            if (id >= LOCAL_MASK) {
                throw new IllegalStateException("too many distinct logins for one interner stripe");
            }
            if (len > Character.MAX_VALUE) {
                throw new IllegalArgumentException("login longer than " + (int) Character.MAX_VALUE + " chars");
            }
            int need = arenaUsed + HEADER + len;
            if (need < 0) {
                throw new IllegalStateException("interner stripe arena full");
            }
            if (need > arena.length) {
                arena = Arrays.copyOf(arena, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(arena.length * 2L, need)));
            }
            int at = arenaUsed;
            arena[at] = (char) (id >>> 16);
            arena[at + 1] = (char) id;
            arena[at + 2] = (char) len;
            System.arraycopy(c, off, arena, at + HEADER, len);
            arenaUsed = need;
            if (id == offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[id] = at;
            size = id + 1;
            table[slot] = ((long) h << 32) | (at + 1L);
            if (size * 2L > table.length) {
                rehash();
            }
            return id;
        }

        /** {@link #intern(int, char[], int, int)} for ASCII bytes (stored as the same chars). */
        int intern(int h, byte[] c, int off, int len) {
            int slot = h & mask;
            while (true) {
                long e = table[slot];
                if (e == 0) {
                    break;
                }
                if ((int) (e >>> 32) == h) {
                    int at = (int) e - 1;
                    if (equalsAt(at, c, off, len)) {
                        return idAt(at);
                    }
                }
                slot = (slot + 1) & mask;
            }
            char[] chars = new char[len];
            for (int i = 0; i < len; i++) {
                chars[i] = (char) (c[off + i] & 0xff);
            }
            return intern(h, chars, 0, len);
        }

        private boolean equalsAt(int at, byte[] c, int off, int len) {
            if (arena[at + 2] != len) {
                return false;
            }
            char[] a = arena;
            int s = at + HEADER;
            for (int i = 0; i < len; i++) {
                if (a[s + i] != (c[off + i] & 0xff)) {
                    return false;
                }
            }
            return true;
        }

        private int idAt(int at) {
            return (arena[at] << 16) | arena[at + 1];
        }

        private boolean equalsAt(int at, char[] c, int off, int len) {
            if (arena[at + 2] != len) {
                return false;
            }
            int s = at + HEADER;
            return Arrays.equals(arena, s, s + len, c, off, off + len);
        }

        private void rehash() {
            long[] old = table;
            table = new long[old.length * 2];
            mask = table.length - 1;
            for (long e : old) {
                if (e != 0) {
                    int slot = (int) (e >>> 32) & mask;
                    while (table[slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    table[slot] = e;
                }
            }
        }

        String login(int id) {
            int at = offsets[id];
            return new String(arena, at + HEADER, arena[at + 2]);
        }
    }
}
