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
        int i = 0;
        int j = 0;
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
