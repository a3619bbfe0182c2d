package io.vieweratlas.runners.metrics;

import java.util.Objects;

/**
 * One CloudWatch metric value: a name (letters and digits, e.g. {@code SnapshotsWritten}), a whole
 * number and its unit.
 *
 * @param name  metric name, {@code [A-Za-z][A-Za-z0-9]*}
 * @param value the value (counts and durations are whole numbers here)
 * @param unit  the CloudWatch unit
 */
public record Metric(String name, long value, MetricUnit unit) {

    /** Checks the name (it becomes a JSON key next to the dimensions) and the unit. */
    public Metric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("metric name must be letters and digits, starting with a letter, was '"
                    + name + "'");
        }
        if (name.equals("Role") || name.equals("Command")) {
            throw new IllegalArgumentException("metric name '" + name + "' is a dimension name");
        }
    }

    /** A count. */
    public static Metric count(String name, long value) {
        return new Metric(name, value, MetricUnit.COUNT);
    }

    /** A duration in milliseconds. */
    public static Metric millis(String name, long value) {
        return new Metric(name, value, MetricUnit.MILLISECONDS);
    }
}
