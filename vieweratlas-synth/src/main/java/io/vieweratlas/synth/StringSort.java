package io.vieweratlas.synth;

import java.util.Arrays;

/**
 * Sorts login strings in {@link String#compareTo} order, fast for millions of them.
 *
 * <p>Generated logins share long prefixes ("sleepy...", "golden..."), and comparison sorts pay for
 * every re-read of those characters through two pointer hops per string. This is an MSD radix
 * sort with six characters per digit instead: each pass packs the next six characters of every
 * string in a group into a number that orders the same way, sorts those numbers (primitive, so
 * cache-friendly), and only strings that agree on all six go to the next pass. Logins rarely
 * agree on more than twelve characters, so most strings are read two or three times.
 *
 * <p>Only the login alphabet ({@code 0-9}, {@code _}, {@code a-z}) is accepted: the packing
 * orders those 37 characters as {@code char} comparison does.
 */
final class StringSort {

    private static final int CHARS_PER_PASS = 6;
    private static final int INDEX_BITS = 26;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;
    private static final int INSERTION_CUTOFF = 16;
    private static final int PARALLEL_THRESHOLD = 1 << 16;

    private StringSort() {
    }

    /**
     * Sorts {@code a} in place.
     *
     * @throws IllegalArgumentException when there are more than 2^26 strings or a string holds a
     *                                  character other than {@code 0-9 _ a-z}
     */
    static void sort(String[] a) {
        if (a.length > INDEX_MASK) {
            throw new IllegalArgumentException("too many strings to sort: " + a.length);
        }
        sort(a, 0, a.length, 0);
    }

    private static void sort(String[] a, int lo, int hi, int depth) {
        int n = hi - lo;
        if (n < 2) {
            return;
        }
        if (n <= INSERTION_CUTOFF) {
            insertion(a, lo, hi, depth);
            return;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (code(a[lo + i], depth) << INDEX_BITS) | i;
        }
        if (n >= PARALLEL_THRESHOLD) {
            Arrays.parallelSort(keys);
        } else {
            Arrays.sort(keys);
        }
        String[] copy = Arrays.copyOfRange(a, lo, hi);
        for (int i = 0; i < n; i++) {
            a[lo + i] = copy[(int) (keys[i] & INDEX_MASK)];
        }
        for (int start = 0; start < n; ) {
            long code = keys[start] >>> INDEX_BITS;
            int end = start + 1;
            while (end < n && keys[end] >>> INDEX_BITS == code) {
                end++;
            }
            // A code whose last slot is "end of string" means the strings are equal: nothing left to order.
            if (end - start > 1 && (code & 63) != 0) {
                sort(a, lo + start, lo + end, depth + CHARS_PER_PASS);
            }
            start = end;
        }
    }

    /** Characters {@code depth .. depth+5} of {@code s}, 6 bits each, ordered as chars are: end < digits < '_' < letters. */
    private static long code(String s, int depth) {
        long code = 0;
        for (int i = depth; i < depth + CHARS_PER_PASS; i++) {
            code = (code << 6) | (i < s.length() ? rank(s.charAt(i)) : 0);
        }
        return code;
    }

    private static int rank(char c) {
        if (c >= 'a' && c <= 'z') {
            return 12 + c - 'a';
        }
        if (c >= '0' && c <= '9') {
            return 1 + c - '0';
        }
        if (c == '_') {
            return 11;
        }
        throw new IllegalArgumentException("cannot sort a login with character '" + c + "'");
    }

    private static void insertion(String[] a, int lo, int hi, int depth) {
        // The strings agree on their first depth characters, so compareTo decides quickly.
        for (int i = lo + 1; i < hi; i++) {
            for (int j = i; j > lo && a[j].compareTo(a[j - 1]) < 0; j--) {
                String t = a[j];
                a[j] = a[j - 1];
                a[j - 1] = t;
            }
        }
    }
}
