package io.vieweratlas.runners.vod;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stops a {@link VodCollectionService} cleanly when the JVM shuts down (SIGTERM from ECS or a terminal): asks
 * it to stop after the current page, and if the worker is still busy after a quarter of the grace
 * (a backoff wait, a slow read), interrupts it; then waits for the run to give its lease back, at
 * most the grace, so that the JVM does not halt in the middle of that write.
 */
public final class VodShutdownHook implements AutoCloseable {
    private final VodCollectionService runner;
    private final Thread worker;
    private final Duration grace;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private VodShutdownHook(VodCollectionService runner, Thread worker, Duration grace) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.grace = Objects.requireNonNull(grace, "grace");
        if (!grace.isPositive()) {
            throw new IllegalArgumentException("shutdown grace must be positive, was " + grace);
        }
        this.hook = new Thread(this::onShutdown, "vod-shutdown");
    }

    /** Registers a JVM shutdown hook for {@code runner} running on the current thread. */
    public static VodShutdownHook install(VodCollectionService runner, Duration grace) {
        VodShutdownHook h = new VodShutdownHook(runner, Thread.currentThread(), grace);
        Runtime.getRuntime().addShutdownHook(h.hook);
        return h;
    }

    /** A hook not registered with the JVM, for tests that call {@link #onShutdown} themselves. */
    static VodShutdownHook unregistered(VodCollectionService runner, Thread worker, Duration grace) {
        return new VodShutdownHook(runner, worker, grace);
    }

    /** What the hook does at shutdown; returns whether the run finished within the grace. */
    boolean onShutdown() {
        runner.requestStop();
        try {
            if (finished.await(grace.toMillis() / 4, TimeUnit.MILLISECONDS)) {
                return true;
            }
            worker.interrupt();
            return finished.await(grace.toMillis() - grace.toMillis() / 4, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Marks the run finished (its record written) and unregisters the hook when the JVM is not shutting down. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and returns now that the run is finished
        } catch (IllegalArgumentException notRegistered) {
            // created by unregistered()
        }
        Thread.interrupted(); // an interrupt meant for the run must not leak into the caller
    }
}
