package io.vieweratlas.filesystem;

import java.util.Comparator;

/**
 * Key order: by Unicode code point, which is the byte order of UTF-8 and so the order S3 lists
 * in ({@link String#compareTo} differs for characters beyond the Basic Multilingual Plane).
 */
final class KeyOrder {

    static final Comparator<String> CODE_POINTS = KeyOrder::compare;

    private KeyOrder() {
    }

    static int compare(String a, String b) {
        // below the surrogates, UTF-16 order is code point order: compare chars until one is not
        int n = Math.min(a.length(), b.length());
        int k = 0;
        while (k < n) {
            char x = a.charAt(k);
            char y = b.charAt(k);
            if (x >= Character.MIN_SURROGATE || y >= Character.MIN_SURROGATE) {
                break;
            }
            if (x != y) {
                return x - y;
            }
            k++;
        }
        if (k == n) {
            return a.length() - b.length();
        }
        return byCodePoints(a, b, k);
    }

    private static int byCodePoints(String a, String b, int from) {
        int i = from;
        int j = from;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
