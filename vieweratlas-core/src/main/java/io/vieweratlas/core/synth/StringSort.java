package io.vieweratlas.core.synth;

/**
 * Sorts ASCII strings in {@link String#compareTo} order by three-way radix quicksort (Bentley and
 * Sedgewick). Generated logins share long prefixes ("sleepy...", "golden..."), which makes
 * comparison sorts re-read the same characters again and again; this sort reads each character
 * position of a group once per partitioning step.
 */
final class StringSort {

    private static final int INSERTION_CUTOFF = 12;

    private StringSort() {
    }

    static void sort(String[] a) {
        sort(a, 0, a.length - 1, 0);
    }

    private static void sort(String[] a, int lo, int hi, int d) {
        while (hi - lo > INSERTION_CUTOFF) {
            int lt = lo;
            int gt = hi;
            swap(a, lo, lo + (hi - lo) / 2); // middle pivot: inputs are not adversarial and must sort deterministically
            int v = charAt(a[lo], d);
            int i = lo + 1;
            while (i <= gt) {
                int t = charAt(a[i], d);
                if (t < v) {
                    swap(a, lt++, i++);
                } else if (t > v) {
                    swap(a, i, gt--);
                } else {
                    i++;
                }
            }
            // a[lo..lt-1] < v = a[lt..gt] < a[gt+1..hi]
            sort(a, lo, lt - 1, d);
            if (v >= 0) {
                sort(a, lt, gt, d + 1);
            }
            lo = gt + 1; // loop on the last part instead of recursing: keeps the stack shallow
        }
        insertion(a, lo, hi, d);
    }

    private static void insertion(String[] a, int lo, int hi, int d) {
        for (int i = lo + 1; i <= hi; i++) {
            for (int j = i; j > lo && less(a[j], a[j - 1], d); j--) {
                swap(a, j, j - 1);
            }
        }
    }

    /** Whether {@code x < y}, given they agree on the first {@code d} characters. */
    private static boolean less(String x, String y, int d) {
        int n = Math.min(x.length(), y.length());
        for (int i = d; i < n; i++) {
            char cx = x.charAt(i);
            char cy = y.charAt(i);
            if (cx != cy) {
                return cx < cy;
            }
        }
        return x.length() < y.length();
    }

    private static int charAt(String s, int d) {
        return d < s.length() ? s.charAt(d) : -1;
    }

    private static void swap(String[] a, int i, int j) {
        String t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
