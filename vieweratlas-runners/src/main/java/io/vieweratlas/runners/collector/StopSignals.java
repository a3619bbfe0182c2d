package io.vieweratlas.runners.collector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns SIGTERM (what ECS sends, with 30 s to go) and SIGINT (Ctrl-C) into a stop request, so
 * the collector flushes its partial window and the command returns normally with exit code 0,
 * instead of the JVM shutting down under it. {@link #close()} restores the previous handlers.
 */
public final class StopSignals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private StopSignals() {
    }

    /** Installs {@code onStop} for TERM and INT; where a signal cannot be handled, it is skipped with a warning. */
    public static StopSignals install(Runnable onStop) {
        StopSignals s = new StopSignals();
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal signal = new Signal(name);
                SignalHandler old = Signal.handle(signal, sig -> {
                    LOG.info("SIG{} received: flushing the current window and stopping", sig.getName());
                    onStop.run();
                });
                s.signals.add(signal);
                s.previous.add(old);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.warn("cannot handle SIG{} here: {}", name, e.getMessage());
            }
        }
        return s;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            try {
                Signal.handle(signals.get(i), previous.get(i));
            } catch (IllegalArgumentException e) {
                LOG.debug("could not restore the SIG{} handler", signals.get(i).getName());
            }
        }
    }
}
