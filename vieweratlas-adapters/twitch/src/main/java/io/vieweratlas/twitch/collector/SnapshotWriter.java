package io.vieweratlas.twitch.collector;

import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.port.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores a window's snapshots, {@code parallelism} at a time on virtual threads (an object store
 * answers each put in tens of milliseconds, so thousands of channels written one by one would
 * outlast the seconds a SIGTERM leaves), retrying a failing put a few times and handing what still
 * fails to the {@link SnapshotSpill}. At most {@code parallelism} built snapshots are in memory at once.
 */
final class SnapshotWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotWriter.class);
    private static final int ATTEMPTS = 3;

    private final SnapshotStore store;
    private final SnapshotSpill spill;
    private final Semaphore slots;
    private final int parallelism;
    private final Duration retryPause;
    final AtomicInteger written = new AtomicInteger();
    final AtomicInteger unchanged = new AtomicInteger();
    final AtomicInteger conflicts = new AtomicInteger();
    /** Snapshots submitted from the spill that are now stored (written, unchanged or in conflict). */
    final AtomicInteger recovered = new AtomicInteger();
    final List<String> spilledChannels = Collections.synchronizedList(new ArrayList<>());
    final List<String> lostChannels = Collections.synchronizedList(new ArrayList<>());

    SnapshotWriter(SnapshotStore store, SnapshotSpill spill, int parallelism, Duration retryPause) {
        this.store = Objects.requireNonNull(store, "store");
        this.spill = Objects.requireNonNull(spill, "spill");
        this.parallelism = parallelism;
        this.slots = new Semaphore(parallelism);
        this.retryPause = retryPause;
    }

    /** Starts storing {@code snapshot}; blocks while {@code parallelism} puts are in flight. */
    void submit(PresenceSnapshot snapshot) {
        submit(snapshot, false);
    }

    /** Starts storing a snapshot taken from the spill. */
    void submitRecovered(PresenceSnapshot snapshot) {
        submit(snapshot, true);
    }

    private void submit(PresenceSnapshot snapshot, boolean fromSpill) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            spill(snapshot, "interrupted");
            return;
        }
        try {
            Thread.ofVirtual().name("snapshot-put").start(() -> {
                try {
                    if (put(snapshot) && fromSpill) {
                        recovered.incrementAndGet();
                    }
                } finally {
                    slots.release();
                }
            });
        } catch (RuntimeException | Error e) {
            slots.release();
            spill(snapshot, e.toString());
        }
    }

    /** Waits for every submitted put to finish (stored or spilled). */
    @Override
    public void close() {
        try {
            slots.acquire(parallelism);
            slots.release(parallelism);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stores {@code snapshot}; true when the store took it, false when it was spilled or lost. */
    private boolean put(PresenceSnapshot snapshot) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                switch (store.put(snapshot).status()) {
                    case WRITTEN -> written.incrementAndGet();
                    case UNCHANGED -> unchanged.incrementAndGet();
                    case CONFLICT -> conflicts.incrementAndGet();
                }
                return true;
            } catch (RuntimeException e) {
                last = e;
                LOG.warn("storing the snapshot of {} failed (attempt {} of {}): {}", snapshot.channel(), attempt,
                        ATTEMPTS, e.getMessage());
                if (attempt < ATTEMPTS) {
                    try {
                        Thread.sleep(retryPause.multipliedBy(attempt));
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        spill(snapshot, last == null ? "interrupted" : last.getMessage());
        return false;
    }

    private void spill(PresenceSnapshot snapshot, String why) {
        try {
            spill.hold(snapshot);
            spilledChannels.add(snapshot.channel());
            LOG.error("snapshot of {} at {} not stored ({}); held in the spill ({}) for the next chance",
                    snapshot.channel(), snapshot.timestamp(), why, spill.location());
        } catch (RuntimeException e) {
            lostChannels.add(snapshot.channel());
            LOG.error("snapshot of {} at {} lost: not stored ({}) and not spilled ({})", snapshot.channel(),
                    snapshot.timestamp(), why, e.toString());
        }
    }
}
