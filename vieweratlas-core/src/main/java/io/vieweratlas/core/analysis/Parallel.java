package io.vieweratlas.core.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs one worker body on several threads at once (the caller is one of them) and waits for all.
 * Workers pull their own tasks (e.g. from an {@code AtomicInteger}), so the split adapts to load;
 * results must be placed by task index so that they do not depend on scheduling.
 */
public final class Parallel {

    private Parallel() {
    }

    /** The number of threads to use by default: the available processors. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Runs {@code worker} on {@code threads} threads and rethrows the first failure.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static void run(int threads, Runnable worker) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        if (threads == 1) {
            worker.run();
            return;
        }
        List<Thread> started = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int i = 1; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    worker.run();
                } catch (Throwable e) {
                    synchronized (failure) {
                        if (failure[0] == null) {
                            failure[0] = e;
                        }
                    }
                }
            }, "vieweratlas-worker-" + i);
            t.setDaemon(true);
            t.start();
            started.add(t);
        }
        try {
            worker.run();
        } catch (RuntimeException | Error e) {
            synchronized (failure) {
                if (failure[0] == null) {
                    failure[0] = e;
                }
            }
        }
        for (Thread t : started) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for workers", e);
            }
        }
        synchronized (failure) {
            if (failure[0] instanceof RuntimeException re) {
                throw re;
            }
            if (failure[0] instanceof Error err) {
                throw err;
            }
            if (failure[0] != null) {
                throw new IllegalStateException(failure[0]);
            }
        }
    }

    /**
     * Runs {@code task} for each index {@code 0 .. tasks - 1} on up to {@code threads} threads
     * (each thread takes the next index until none is left) and waits for all; rethrows the first
     * failure. Results must be placed by index so that they do not depend on scheduling.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static void forEachIndex(int threads, int tasks, IntConsumer task) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        AtomicInteger next = new AtomicInteger();
        run(Math.max(1, Math.min(threads, tasks)), () -> {
            for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                task.accept(i);
            }
        });
    }
}
