package io.vieweratlas.runners.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Applies the configured log level to the Logback root logger. */
public final class Logging {
    private Logging() {
    }

    /** Sets the root level ({@code TRACE, DEBUG, INFO, WARN, ERROR}). */
    public static void setLevel(String level) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level, Level.INFO));
    }
}
