package io.vieweratlas.export;

import java.util.Locale;

/** Escaping and number formatting shared by the text exporters (fixed, locale-independent). */
final class Text {
    private Text() {
    }

    /** XML attribute/text escaping; characters XML 1.0 forbids are dropped (titles may contain them). */
    static String xml(String s) {
        if (plain(s)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                case '\t' -> b.append("&#9;");
                case '\n' -> b.append("&#10;");
                case '\r' -> b.append("&#13;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF && !Character.isSurrogate(c)) {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** Whether {@code s} is printable ASCII without XML specials, i.e. {@link #xml} leaves it as it is. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7F || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'') {
                return false;
            }
        }
        return true;
    }

    /** A double with up to 6 significant decimals, no exponent, no trailing zeros ("1.5", "2", "0.000123"). */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(7)).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** Fixed two decimals, for coordinates. */
    static String coord(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
