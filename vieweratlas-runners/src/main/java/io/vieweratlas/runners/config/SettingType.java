package io.vieweratlas.runners.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The type of a configuration value, with conversion from parsed files and from environment strings. */
public enum SettingType {
    /** A whole number (int range). */
    INT,
    /** A whole number (long range). */
    LONG,
    /** A decimal number. */
    DOUBLE,
    /** true or false. */
    BOOLEAN,
    /** Free text. */
    STRING,
    /** A list of strings. */
    STRING_LIST;

    /**
     * Converts a value as a parser (YAML) or the environment gives it.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    Object convert(Object raw) {
        return switch (this) {
            case INT -> {
                long v = toLong(raw);
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("expected a whole number in int range");
                }
                yield (int) v;
            }
            case LONG -> toLong(raw);
            case DOUBLE -> {
                if (raw instanceof Number n) {
                    yield n.doubleValue();
                }
                if (raw instanceof String s) {
                    try {
                        double d = Double.parseDouble(s.trim());
                        if (Double.isFinite(d)) {
                            yield d;
                        }
                    } catch (NumberFormatException e) {
                        // fall through to the message below
                    }
                }
                throw new IllegalArgumentException("expected a number");
            }
            case BOOLEAN -> {
                if (raw instanceof Boolean b) {
                    yield b;
                }
                if (raw instanceof String s) {
                    String t = s.trim().toLowerCase(Locale.ROOT);
                    if (t.equals("true")) {
                        yield true;
                    }
                    if (t.equals("false")) {
                        yield false;
                    }
                }
                throw new IllegalArgumentException("expected true or false");
            }
            case STRING -> {
                if (raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
                    yield raw.toString();
                }
                throw new IllegalArgumentException("expected text");
            }
            case STRING_LIST -> {
                if (raw instanceof String s) {
                    List<String> parts = new ArrayList<>();
                    for (String p : s.split(",")) {
                        if (!p.isBlank()) {
                            parts.add(p.trim());
                        }
                    }
                    yield List.copyOf(parts);
                }
                if (raw instanceof List<?> list) {
                    List<String> parts = new ArrayList<>();
                    for (Object o : list) {
                        if (!(o instanceof String || o instanceof Number)) {
                            throw new IllegalArgumentException("expected a list of text items");
                        }
                        parts.add(o.toString());
                    }
                    yield List.copyOf(parts);
                }
                throw new IllegalArgumentException("expected a list");
            }
        };
    }

    private static long toLong(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof java.math.BigInteger) {
            throw new IllegalArgumentException("expected a whole number in long range");
        }
        if (raw instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number");
            }
        }
        throw new IllegalArgumentException("expected a whole number");
    }

    /** The lower-case name used in messages. */
    String describe() {
        return switch (this) {
            case INT, LONG -> "whole number";
            case DOUBLE -> "number";
            case BOOLEAN -> "true/false";
            case STRING -> "text";
            case STRING_LIST -> "list of text";
        };
    }
}
