package io.vieweratlas.runners.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One configuration key: its dotted path ({@code analysis.overlap_threshold}), type, default,
 * and what values are allowed.
 *
 * @param path         dotted path, section and key
 * @param type         value type
 * @param defaultValue the built-in default (before presets)
 * @param min          smallest allowed number, if bounded
 * @param max          largest allowed number, if bounded
 * @param choices      allowed text values, empty for any
 * @param secret       whether the value must never be printed
 * @param description  one line for humans
 */
public record Setting(String path, SettingType type, Object defaultValue, Optional<Double> min,
                      Optional<Double> max, List<String> choices, boolean secret, String description) {

    public Setting {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        choices = List.copyOf(choices);
        Objects.requireNonNull(description, "description");
    }

    /** The section part of the path, or empty for top-level keys. */
    public String section() {
        int dot = path.indexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    /**
     * Converts and checks a raw value for this key.
     *
     * @throws IllegalArgumentException naming what is allowed
     */
    public Object check(Object raw) {
        Object value;
        try {
            value = type.convert(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + allowed());
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (min.isPresent() && d < min.get() || max.isPresent() && d > max.get()) {
                throw new IllegalArgumentException("out of range" + allowed());
            }
        }
        if (!choices.isEmpty() && !choices.contains(value.toString())) {
            // LOG_LEVEL=debug means DEBUG: choices are matched regardless of case, stored as listed
            for (String choice : choices) {
                if (choice.equalsIgnoreCase(value.toString())) {
                    return choice;
                }
            }
            throw new IllegalArgumentException("not one of the allowed values" + allowed());
        }
        return value;
    }

    /** A human description of the allowed values, e.g. {@code " (allowed: whole number >= 1)"}. */
    public String allowed() {
        StringBuilder sb = new StringBuilder(" (allowed: ");
        if (!choices.isEmpty()) {
            sb.append(String.join(", ", choices));
        } else {
            sb.append(type.describe());
            if (min.isPresent() && max.isPresent()) {
                sb.append(" from ").append(fmt(min.get())).append(" to ").append(fmt(max.get()));
            } else if (min.isPresent()) {
                sb.append(" >= ").append(fmt(min.get()));
            } else if (max.isPresent()) {
                sb.append(" <= ").append(fmt(max.get()));
            }
        }
        return sb.append(')').toString();
    }

    private String fmt(double d) {
        return d == Math.rint(d) && type != SettingType.DOUBLE ? Long.toString((long) d) : Double.toString(d);
    }
}
