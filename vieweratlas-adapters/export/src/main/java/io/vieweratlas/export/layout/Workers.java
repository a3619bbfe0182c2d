package io.vieweratlas.export.layout;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs phases of numbered tasks on a few threads (the caller plus {@code threads - 1} helpers), each
 * phase finishing before the next starts. Which thread runs which task varies; callers make results
 * independent of that by giving each task its own output (a node range, a per-chunk force array).
 */
final class Workers implements AutoCloseable {

    private final int threads;
    private final ExecutorService helpers;

    Workers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.threads = threads;
        this.helpers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "vieweratlas-layout");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} for {@code 0..tasks-1} and returns when all have finished. */
    void run(int tasks, IntConsumer task) {
        if (helpers == null || tasks <= 1) {
            for (int i = 0; i < tasks; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable loop = () -> {
            for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                task.accept(i);
            }
        };
        int extra = Math.min(threads - 1, tasks - 1);
        Future<?>[] running = new Future<?>[extra];
        for (int h = 0; h < extra; h++) {
            running[h] = helpers.submit(loop);
        }
        RuntimeException failure = null;
        try {
            loop.run();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("layout interrupted", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}
