package io.vieweratlas.runners.quality;

import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.analysis.aggregate.PresenceTableSource;
import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.TimeRange;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A planted lake held in memory whose presence table is built once per policy and then handed to
 * every analysis of the grid, so that a grid point costs its analysis only, not a re-read.
 */
final class InMemoryLake implements PresenceTableSource {

    private final List<PresenceSnapshot> snapshots;
    private final Map<PresencePolicy, PresenceIngest.Loaded> tables = new EnumMap<>(PresencePolicy.class);

    InMemoryLake(List<PresenceSnapshot> snapshots) {
        this.snapshots = List.copyOf(snapshots);
    }

    @Override
    public synchronized PresenceIngest.Loaded loadTable(TimeRange range, PresencePolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (!TimeRange.ALL.equals(range)) {
            // the grid reads whole lakes; any other range is read afresh
            return new PresenceIngest.Loaded(PresenceIngest.of(snapshots.stream()
                    .filter(s -> range.contains(s.timestamp())).toList(), policy), report());
        }
        return tables.computeIfAbsent(policy, p -> new PresenceIngest.Loaded(PresenceIngest.of(snapshots, p),
                report()));
    }

    private LoadReport report() {
        return new LoadReport(snapshots.size(), List.of());
    }

    @Override
    public LoadReport forEachSnapshot(TimeRange range, Consumer<PresenceSnapshot> consumer) {
        long n = 0;
        for (PresenceSnapshot s : snapshots) {
            if (range.contains(s.timestamp())) {
                consumer.accept(s);
                n++;
            }
        }
        return new LoadReport(n, List.of());
    }
}
