package io.vieweratlas.runners.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vieweratlas.runners.ProcessEnvironment;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Writes metrics as CloudWatch Embedded Metric Format (EMF) lines: one JSON object per line on
 * stdout, which the ECS {@code awslogs} driver ships to CloudWatch Logs, where CloudWatch extracts
 * the metrics. Every line carries the dimensions {@code Role} (the ECS role, from
 * {@code VIEWERATLAS_ROLE}) and {@code Command}.
 *
 * <p>Switched on by {@code METRICS_FORMAT=emf}, or by {@code LOG_FORMAT=json} when
 * {@code METRICS_FORMAT} is unset (the containers set {@code LOG_FORMAT=json}); otherwise it does
 * nothing, so local command output stays clean. {@code METRICS_NAMESPACE} overrides the namespace.
 */
public final class MetricsEmitter {
    /** The namespace when {@code METRICS_NAMESPACE} is unset. */
    public static final String DEFAULT_NAMESPACE = "ViewerAtlas";
    /** The role dimension when {@code VIEWERATLAS_ROLE} is unset (a local run). */
    public static final String DEFAULT_ROLE = "cli";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MetricsEmitter DISABLED = new MetricsEmitter();

    private final String namespace;
    private final String role;
    private final String command;
    private final Clock clock;
    private final Consumer<String> sink;

    private MetricsEmitter() {
        this.namespace = DEFAULT_NAMESPACE;
        this.role = DEFAULT_ROLE;
        this.command = "none";
        this.clock = Clock.systemUTC();
        this.sink = null;
    }

    /**
     * An emitter that writes every line to {@code sink}.
     *
     * @param namespace CloudWatch namespace
     * @param role      value of the {@code Role} dimension
     * @param command   value of the {@code Command} dimension
     * @param clock     gives the {@code Timestamp} of each line
     * @param sink      receives whole lines (without the line break)
     */
    public MetricsEmitter(String namespace, String role, String command, Clock clock, Consumer<String> sink) {
        this.namespace = nonBlank(namespace, "namespace");
        this.role = nonBlank(role, "role");
        this.command = nonBlank(command, "command");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** An emitter that writes nothing. */
    public static MetricsEmitter disabled() {
        return DISABLED;
    }

    /**
     * The emitter the environment asks for (see the class comment), writing whole lines to
     * {@code out}.
     */
    public static MetricsEmitter fromEnvironment(Map<String, String> env, PrintStream out, Clock clock, String command) {
        String format = Optional.ofNullable(env.get("METRICS_FORMAT")).map(String::strip).orElse("")
                .toLowerCase(Locale.ROOT);
        boolean json = "json".equalsIgnoreCase(Optional.ofNullable(env.get("LOG_FORMAT")).orElse("").strip());
        boolean on = format.equals("emf") || (format.isEmpty() && json);
        if (!on) {
            return DISABLED;
        }
        String ns = Optional.ofNullable(env.get("METRICS_NAMESPACE")).filter(s -> !s.isBlank()).orElse(DEFAULT_NAMESPACE);
        String role = Optional.ofNullable(env.get("VIEWERATLAS_ROLE")).filter(s -> !s.isBlank()).orElse(DEFAULT_ROLE);
        return new MetricsEmitter(ns, role, command, clock, line -> {
            out.println(line);
            out.flush();
        });
    }

    /** The emitter of {@code command} for this process: environment, {@code System.out}, the UTC clock. */
    public static MetricsEmitter forCommand(String command) {
        return fromEnvironment(ProcessEnvironment.variables(), System.out, Clock.systemUTC(), command);
    }

    /** Whether lines are written at all. */
    public boolean enabled() {
        return sink != null;
    }

    /** Writes one EMF line with {@code metrics}; nothing when disabled or when {@code metrics} is empty. */
    public void emit(List<Metric> metrics) {
        if (sink == null || metrics.isEmpty()) {
            return;
        }
        sink.accept(line(metrics));
    }

    /**
     * The EMF line for {@code metrics}: the {@code _aws} metadata first, then the dimensions, then
     * the values, metrics sorted by name (the same metrics give the same line at the same instant).
     *
     * @throws IllegalArgumentException when a metric name appears twice
     */
    public String line(List<Metric> metrics) {
        TreeMap<String, Metric> byName = new TreeMap<>();
        for (Metric m : metrics) {
            if (byName.put(m.name(), m) != null) {
                throw new IllegalArgumentException("metric '" + m.name() + "' given twice");
            }
        }
        ObjectNode root = JSON.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        directive.putArray("Dimensions").addArray().add("Role").add("Command");
        ArrayNode defs = directive.putArray("Metrics");
        for (Metric m : byName.values()) {
            defs.addObject().put("Name", m.name()).put("Unit", m.unit().cloudWatchName());
        }
        root.put("Role", role);
        root.put("Command", command);
        for (Metric m : byName.values()) {
            root.put(m.name(), m.value());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an EMF line", e);
        }
    }

    private static String nonBlank(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }
}
