package io.vieweratlas.core.analysis.aggregate;

import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.PresenceSource;

import java.util.List;
import java.util.Objects;

/**
 * The friendly way in: reads any {@link PresenceSource} into a {@link PresenceTable}, keeping the
 * chatters that meet the presence policy.
 */
public final class PresenceIngest {

    private PresenceIngest() {
    }

    /**
     * A loaded table with the source's report.
     *
     * @param table  the snapshots
     * @param report what was read and skipped
     */
    public record Loaded(PresenceTable table, LoadReport report) {
    }

    /**
     * Reads the snapshots of {@code source} within {@code range}: through
     * {@link PresenceTableSource#loadTable} when the source offers it, else snapshot by snapshot.
     */
    public static Loaded read(PresenceSource source, TimeRange range, PresencePolicy policy) {
        return read(source, range, policy, Repeats.KEEP);
    }

    /**
     * As {@link #read(PresenceSource, TimeRange, PresencePolicy)}, keeping or dropping repeated
     * presence. With {@link Repeats#DROP} the table is meant to be aggregated over {@code range}
     * only; a source whose snapshots turn out to include duplicates (two of one channel at one
     * time) is read a second time with {@link Repeats#KEEP}, since which copy counts is only known
     * once all are read.
     */
    public static Loaded read(PresenceSource source, TimeRange range, PresencePolicy policy, Repeats repeats) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(repeats, "repeats");
        if (source instanceof PresenceTableSource tables) {
            return Objects.requireNonNull(tables.loadTable(range, policy, repeats), "loadTable returned null");
        }
        PresenceTableBuilder builder = new PresenceTableBuilder(repeats);
        LoadReport report = source.forEachSnapshot(range, s -> add(builder, s, policy));
        PresenceTable table = PresenceTable.of(List.of(builder));
        if (!table.exactOver(range)) {
            return read(source, range, policy, Repeats.KEEP);
        }
        return new Loaded(table, report);
    }

    /** Reads already loaded snapshots. */
    public static PresenceTable of(Iterable<PresenceSnapshot> snapshots, PresencePolicy policy) {
        PresenceTableBuilder builder = new PresenceTableBuilder();
        snapshots.forEach(s -> add(builder, s, policy));
        return PresenceTable.of(List.of(builder));
    }

    /**
     * Appends one snapshot to {@code builder} as a row (the chatters that meet {@code policy}).
     * Lets loaders that combine several sources into one table add rows the same way.
     */
    public static void append(PresenceTableBuilder builder, PresenceSnapshot s, PresencePolicy policy) {
        add(builder, s, policy);
    }

    private static void add(PresenceTableBuilder builder, PresenceSnapshot s, PresencePolicy policy) {
        String location = s.channel() + "@" + s.timestamp() + s.contentId().map(c -> "/" + c).orElse("");
        builder.begin(s.channel(), s.timestamp().getEpochSecond(), s.stream().viewerCount(), s.stream().gameName(),
                s.stream().language(), s.stream().title(), location);
        for (String login : s.chatters(policy)) {
            builder.viewer(login);
        }
        builder.end();
    }
}
