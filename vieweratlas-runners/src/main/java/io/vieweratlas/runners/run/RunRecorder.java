package io.vieweratlas.runners.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.lake.LakeLayout;
import io.vieweratlas.runners.VersionInfo;
import io.vieweratlas.runners.config.Redaction;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Writes the run record of a command that changes the lake: {@code runs/<command>/<UTC timestamp>.json}
 * with version, redacted config, inputs, counts, errors, status and duration. The record is written
 * atomically when the command ends, whether it succeeded or failed, so every change to the lake can
 * be traced to a run.
 */
public final class RunRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(RunRecorder.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final ObjectStore store;
    private final Clock clock;

    /**
     * @param store the lake's store, where {@code runs/} lives
     * @param clock the clock for timestamps
     */
    public RunRecorder(ObjectStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The body of a recorded command: does the work, fills the run's counts, returns the exit code. */
    @FunctionalInterface
    public interface Body {
        /** Does the work. */
        int run(Run run) throws Exception;
    }

    /**
     * Runs {@code body} and writes its record at the end, also when it throws (the exception is rethrown).
     *
     * @param command the command name, e.g. {@code synth}
     * @param config  the configuration (stored redacted)
     * @param inputs  the command's inputs (paths, flags); values are redacted
     */
    public int record(String command, ViewerAtlasConfig config, Map<String, ?> inputs, Body body) throws Exception {
        Run run = new Run();
        Instant started = clock.instant();
        int exitCode = 1;
        Throwable failure = null;
        try {
            exitCode = body.run(run);
            return exitCode;
        } catch (Exception | Error e) {
            failure = e;
            throw e;
        } finally {
            Instant finished = clock.instant();
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("command", command);
            record.put("version", VersionInfo.version());
            record.put("started_at", started.toString());
            record.put("finished_at", finished.toString());
            record.put("duration_ms", Duration.between(started, finished).toMillis());
            record.put("status", failure == null && exitCode == 0 ? "succeeded" : "failed");
            record.put("exit_code", failure == null ? exitCode : 1);
            Map<String, Object> redactedInputs = new TreeMap<>();
            inputs.forEach((k, v) -> redactedInputs.put(k, Redaction.text(String.valueOf(v))));
            record.put("inputs", redactedInputs);
            record.put("counts", new TreeMap<>(run.counts));
            List<String> errors = new ArrayList<>(run.errors);
            if (failure != null) {
                errors.add(Redaction.text(String.valueOf(failure.getMessage() == null
                        ? failure.getClass().getSimpleName() : failure.getMessage())));
            }
            record.put("errors", errors);
            record.put("config", config.toRedactedMap());
            write(command, started, record, failure);
        }
    }

    private void write(String command, Instant started, Map<String, Object> record, Throwable failure) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(record);
            String first = LakeLayout.runRecordKey(command, started);
            String base = first.substring(0, first.length() - ".json".length());
            // put-if-absent so two runs started in the same instant never overwrite each other
            for (int attempt = 0; attempt < 100; attempt++) {
                String key = attempt == 0 ? first : base + "-" + attempt + ".json";
                if (store.putIfAbsent(key, bytes).written()) {
                    LOG.debug("run record written to {}", key);
                    return;
                }
            }
            LOG.warn("run record for {} not written: 100 records already exist for {}", command, started);
        } catch (JsonProcessingException | RuntimeException e) {
            // The run's own outcome matters more than its record: report, don't mask the original failure.
            LOG.error("run record for {} could not be written: {}", command, e.getMessage());
            if (failure == null && e instanceof RuntimeException re) {
                throw re;
            }
        }
    }

    /** What a running command reports into its record. */
    public static final class Run {
        private final Map<String, Long> counts = new TreeMap<>();
        private final List<String> errors = new ArrayList<>();

        /** Sets a count (e.g. {@code snapshots_written}). */
        public synchronized void count(String name, long value) {
            counts.put(name, value);
        }

        /** Adds to a count. */
        public synchronized void add(String name, long delta) {
            counts.merge(name, delta, Long::sum);
        }

        /** Records a non-fatal error (redacted). */
        public synchronized void error(String message) {
            errors.add(Redaction.text(message));
        }
    }
}
