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
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(policy, "policy");
        if (source instanceof PresenceTableSource tables) {
            return Objects.requireNonNull(tables.loadTable(range, policy), "loadTable returned null");
        }
        PresenceTableBuilder builder = new PresenceTableBuilder();
        LoadReport report = source.forEachSnapshot(range, s -> add(builder, s, policy));
        return new Loaded(PresenceTable.of(List.of(builder)), report);
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
