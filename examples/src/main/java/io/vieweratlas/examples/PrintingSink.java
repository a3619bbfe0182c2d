package io.vieweratlas.examples;

import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.SnapshotStore;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Example 4's own sink: a {@link SnapshotStore} that a host service would replace with its
 * message queue or database. This one prints a line per snapshot and keeps them in memory, keyed
 * like the lake ({@code channel@timestamp}) so that storing the same snapshot twice is idempotent,
 * as the port requires. Thread-safe: the collector stores from its own thread.
 */
public final class PrintingSink implements SnapshotStore {

    private final PrintStream out;
    private final TreeMap<String, PresenceSnapshot> stored = new TreeMap<>();

    /**
     * A sink that reports to {@code out}.
     *
     * @param out where a line per stored snapshot goes
     */
    public PrintingSink(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public synchronized SnapshotWrite put(PresenceSnapshot snapshot) {
        String key = snapshot.channel() + "@" + snapshot.timestamp();
        PresenceSnapshot existing = stored.putIfAbsent(key, snapshot);
        if (existing != null) {
            return new SnapshotWrite(key, existing.equals(snapshot)
                    ? SnapshotWrite.Status.UNCHANGED : SnapshotWrite.Status.CONFLICT);
        }
        out.printf(Locale.ROOT, "snapshot %s: %d chatters %s (%s, %d viewers)%n", snapshot.channel(),
                snapshot.chatters().size(), snapshot.chatters(), snapshot.stream().gameName(),
                snapshot.stream().viewerCount());
        return new SnapshotWrite(key, SnapshotWrite.Status.WRITTEN);
    }

    @Override
    public LoadReport forEachSnapshot(TimeRange range, Consumer<PresenceSnapshot> consumer) {
        List<PresenceSnapshot> copy;
        synchronized (this) {
            copy = new ArrayList<>(stored.values());
        }
        long n = 0;
        for (PresenceSnapshot s : copy) {
            if (range.contains(s.timestamp())) {
                consumer.accept(s);
                n++;
            }
        }
        return new LoadReport(n, List.of());
    }

    /**
     * Everything stored, by key.
     *
     * @return the stored snapshots by key
     */
    public synchronized Map<String, PresenceSnapshot> snapshots() {
        return Map.copyOf(stored);
    }
}
