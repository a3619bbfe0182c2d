package io.vieweratlas.core;

import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.PresenceSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Ready-made {@link PresenceSource}s for data held in memory: snapshots one already has, or plain
 * {@code (channel, viewer)} rows, e.g. from a CSV file or a database query.
 */
public final class PresenceSources {

    private PresenceSources() {
    }

    /**
     * A source over {@code snapshots}, copied now (later changes to the iterable are not seen).
     * Reading a range passes the snapshots whose timestamp lies in it, in the given order.
     *
     * @param snapshots the snapshots
     * @return a source over a copy of the snapshots
     */
    public static PresenceSource of(Iterable<PresenceSnapshot> snapshots) {
        List<PresenceSnapshot> copy = new ArrayList<>();
        for (PresenceSnapshot s : Objects.requireNonNull(snapshots, "snapshots")) {
            copy.add(Objects.requireNonNull(s, () -> "snapshots[" + copy.size() + "] is null"));
        }
        return new InMemory(List.copyOf(copy));
    }

    /**
     * Starts collecting {@code (channel, viewer)} rows into a source.
     *
     * @return an empty rows builder
     */
    public static RowsBuilder rows() {
        return new RowsBuilder();
    }

    private record InMemory(List<PresenceSnapshot> snapshots) implements PresenceSource {
        @Override
        public LoadReport forEachSnapshot(TimeRange range, Consumer<PresenceSnapshot> consumer) {
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(consumer, "consumer");
            long n = 0;
            TreeMap<String, Long> bySource = new TreeMap<>();
            for (PresenceSnapshot s : snapshots) {
                if (range.contains(s.timestamp())) {
                    consumer.accept(s);
                    n++;
                    // the original's vocabulary: VOD buckets and imports by name, every live window "live"
                    PresenceSourceKind k = s.source();
                    bySource.merge(k == PresenceSourceKind.VOD || k == PresenceSourceKind.IMPORT ? k.wireName()
                            : PresenceSourceKind.LIVE.wireName(), 1L, Long::sum);
                }
            }
            return new LoadReport(n, List.of(), bySource);
        }
    }

    /**
     * Collects rows "viewer {@code v} was present in channel {@code c} at time {@code t}" and turns
     * them into one snapshot per (channel, time). Logins are stripped and lower-cased. Rows without
     * a time all belong to one observation at {@link #DEFAULT_TIME}, which suits data that has no
     * time dimension (then every channel counts as observed once).
     */
    public static final class RowsBuilder {
        /** The time of rows added without one: the epoch. */
        public static final Instant DEFAULT_TIME = Instant.EPOCH;

        private final TreeMap<String, TreeMap<Instant, TreeSet<String>>> rows = new TreeMap<>();
        private long count;

        private RowsBuilder() {
        }

        /**
         * Adds a row observed at {@link #DEFAULT_TIME}.
         *
         *
         * @param channel channel login
         * @param viewer viewer login
         * @return this builder
         * @throws IllegalArgumentException when a login is blank (the message gives the row number)
         */
        public RowsBuilder add(String channel, String viewer) {
            return add(channel, viewer, DEFAULT_TIME);
        }

        /**
         * Adds a row observed at {@code time}.
         *
         *
         * @param channel channel login
         * @param viewer viewer login
         * @param time when the viewer was present
         * @return this builder
         * @throws IllegalArgumentException when a login is blank (the message gives the row number)
         */
        public RowsBuilder add(String channel, String viewer, Instant time) {
            long row = count + 1;
            String c = login("channel", channel, row);
            String v = login("viewer", viewer, row);
            Objects.requireNonNull(time, () -> "time of row " + row + " is null");
            rows.computeIfAbsent(c, k -> new TreeMap<>()).computeIfAbsent(time, k -> new TreeSet<>()).add(v);
            count++;
            return this;
        }

        private static String login(String what, String value, long row) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " of row " + row + " is blank");
            }
            return value.strip().toLowerCase(Locale.ROOT);
        }

        /**
         * How many rows were added (duplicates included).
         *
         * @return the number of rows added
         */
        public long rowCount() {
            return count;
        }

        /**
         * The snapshots, sorted by channel then time.
         *
         * @return the snapshots built from the rows
         */
        public List<PresenceSnapshot> snapshots() {
            List<PresenceSnapshot> out = new ArrayList<>();
            for (Map.Entry<String, TreeMap<Instant, TreeSet<String>>> channel : rows.entrySet()) {
                for (Map.Entry<Instant, TreeSet<String>> at : channel.getValue().entrySet()) {
                    out.add(PresenceSnapshot.builder(channel.getKey(), at.getKey()).chatters(at.getValue()).build());
                }
            }
            return List.copyOf(out);
        }

        /**
         * A source over the rows added so far.
         *
         * @return a source over the rows
         */
        public PresenceSource build() {
            return new InMemory(snapshots());
        }
    }
}
