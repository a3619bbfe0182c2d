package io.vieweratlas.runners.metrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The collector's liveness file: touched after every closed window, read by the container health
 * check ({@code infrastructure/docker/healthcheck.sh}). Only active when
 * {@code VIEWERATLAS_HEARTBEAT_FILE} names a file (the images set {@code /tmp/vieweratlas-heartbeat}).
 */
public final class Heartbeat {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final Optional<Path> file;
    private final Clock clock;

    /** A heartbeat on {@code file} (empty: does nothing). */
    public Heartbeat(Optional<Path> file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** The heartbeat {@code VIEWERATLAS_HEARTBEAT_FILE} asks for. */
    public static Heartbeat fromEnvironment(Map<String, String> env, Clock clock) {
        return new Heartbeat(Optional.ofNullable(env.get("VIEWERATLAS_HEARTBEAT_FILE")).filter(s -> !s.isBlank())
                .map(Path::of), clock);
    }

    /** Creates the file or sets its modification time to now; a failure is logged, never thrown. */
    public void beat() {
        if (file.isEmpty()) {
            return;
        }
        Path f = file.get();
        try {
            if (Files.notExists(f)) {
                Files.createFile(f);
            }
            Files.setLastModifiedTime(f, FileTime.from(clock.instant()));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("cannot touch the heartbeat file {}: {}", f, e.toString());
        }
    }
}
