package io.vieweratlas.core.analysis.aggregate;

import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.StreamMetadata;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.PresenceSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepeatsTest {

    private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

    private static PresenceSnapshot snap(String channel, int hour, int secondsOff, String... chatters) {
        return PresenceSnapshot.builder(channel, T0.plusSeconds(3600L * hour + secondsOff))
                .stream(new StreamMetadata(10 + hour, "Game" + (hour % 2), "en", "title " + hour, Optional.empty()))
                .chatters(List.of(chatters)).build();
    }

    /** 72 hourly snapshots of two channels whose 100-viewer audiences come back every hour. */
    private static List<PresenceSnapshot> hourly() {
        List<PresenceSnapshot> out = new ArrayList<>();
        for (int h = 0; h < 72; h++) {
            for (String channel : List.of("alpha", "beta")) {
                List<String> chatters = new ArrayList<>();
                for (int v = 0; v < 100; v++) {
                    chatters.add(channel + "_viewer" + ((v + h) % 110)); // 110 distinct, 100 a time
                }
                chatters.add("shared" + (h % 3));
                out.add(snap(channel, h, 0, chatters.toArray(String[]::new)));
            }
        }
        return out;
    }

    private static Set<String> audience(Aggregator.Aggregation agg, String channel) {
        Audiences a = agg.audiences();
        int c = a.channels().indexOf(channel);
        Set<String> out = new TreeSet<>();
        for (int m = a.offsets()[c]; m < a.offsets()[c + 1]; m++) {
            out.add(a.viewers().key(a.members()[m]).toString());
        }
        return out;
    }

    @Test
    void repeatedPresenceDoesNotGrowTheTable() {
        PresenceTableBuilder keep = new PresenceTableBuilder(Repeats.KEEP);
        PresenceTableBuilder drop = new PresenceTableBuilder(Repeats.DROP);
        for (PresenceSnapshot s : hourly()) {
            PresenceIngest.append(keep, s, PresencePolicy.INCLUSIVE);
            PresenceIngest.append(drop, s, PresencePolicy.INCLUSIVE);
        }
        assertEquals(2 * 72 * 101, keep.kept(), "every entry");
        // 110 viewers per channel plus the three shared accounts: memberships, not entries
        assertEquals(2 * 113, drop.kept());
        PresenceTable kept = PresenceTable.of(List.of(keep));
        PresenceTable dropped = PresenceTable.of(List.of(drop));
        assertEquals(2 * 113, dropped.members().length);
        assertEquals(144, dropped.rows(), "every snapshot's row is kept");
        assertTrue(dropped.repeatsDropped());
        assertFalse(kept.repeatsDropped());

        Aggregator.Aggregation a = Aggregator.aggregate(kept, TimeRange.ALL);
        Aggregator.Aggregation b = Aggregator.aggregate(dropped, TimeRange.ALL);
        assertEquals(a.audiences().channels(), b.audiences().channels());
        assertEquals(a.audiences().meta(), b.audiences().meta());
        assertEquals(List.of(72, 72), List.of(b.audiences().observations()[0], b.audiences().observations()[1]));
        assertEquals(a.audiences().memberships(), b.audiences().memberships());
        for (String channel : List.of("alpha", "beta")) {
            assertEquals(audience(a, channel), audience(b, channel));
        }
        assertEquals(a.snapshotsInWindow(), b.snapshotsInWindow());
    }

    @Test
    void aTableWithoutRepeatsRefusesANarrowerRange() {
        PresenceTableBuilder drop = new PresenceTableBuilder(Repeats.DROP);
        hourly().forEach(s -> PresenceIngest.append(drop, s, PresencePolicy.INCLUSIVE));
        PresenceTable table = PresenceTable.of(List.of(drop));
        TimeRange lastDay = TimeRange.between(T0.plusSeconds(48 * 3600), T0.plusSeconds(72 * 3600));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Aggregator.aggregate(table, lastDay));
        assertTrue(e.getMessage().contains("Repeats.KEEP"), e.getMessage());
        assertTrue(table.exactOver(TimeRange.between(T0, T0.plusSeconds(72 * 3600))));
    }

    @Test
    void duplicateSnapshotsAreReadAgainKeepingEveryEntry() {
        // alpha at 10:00 twice: the copy with the smaller location counts, the other is a duplicate.
        // Read in this order while dropping repeats, y would be kept only in the duplicate and
        // dropped from 11:00, and lost.
        PresenceSnapshot counted = PresenceSnapshot.builder("alpha", T0.plusSeconds(36_000))
                .contentId("a").chatters(List.of("x")).build();
        PresenceSnapshot duplicate = PresenceSnapshot.builder("alpha", T0.plusSeconds(36_000))
                .contentId("b").chatters(List.of("x", "y")).build();
        PresenceSnapshot later = snap("alpha", 11, 0, "y");
        List<PresenceSnapshot> lake = List.of(counted, duplicate, later);
        PresenceSource source = (range, consumer) -> {
            lake.forEach(consumer);
            return new LoadReport(lake.size(), List.of());
        };
        PresenceIngest.Loaded keep = PresenceIngest.read(source, TimeRange.ALL, PresencePolicy.INCLUSIVE);
        PresenceIngest.Loaded drop = PresenceIngest.read(source, TimeRange.ALL, PresencePolicy.INCLUSIVE,
                Repeats.DROP);
        Aggregator.Aggregation a = Aggregator.aggregate(keep.table(), TimeRange.ALL);
        Aggregator.Aggregation b = Aggregator.aggregate(drop.table(), TimeRange.ALL);
        assertEquals(2, a.audiences().memberships());
        assertEquals(audience(a, "alpha"), audience(b, "alpha"));
        assertEquals(a.duplicateSnapshots(), b.duplicateSnapshots());
        assertEquals(1, b.duplicateSnapshots().size());

        // the same rows in one builder dropping repeats: the table says it is not exact
        PresenceTableBuilder builder = new PresenceTableBuilder(Repeats.DROP);
        lake.forEach(s -> PresenceIngest.append(builder, s, PresencePolicy.INCLUSIVE));
        PresenceTable table = PresenceTable.of(List.of(builder));
        assertTrue(table.sameTimeRows());
        assertFalse(table.exactOver(TimeRange.ALL));
    }

    @Test
    void strictPresenceIsAppliedBeforeRepeatsAreDropped() {
        // a viewer with only a JOIN at 00:00 is not present then; its message at 01:00 must count
        PresenceSnapshot joinOnly = PresenceSnapshot.builder("alpha", T0)
                .evidence("quiet", Evidence.JOIN).evidence("loud", Evidence.MESSAGE).build();
        PresenceSnapshot message = PresenceSnapshot.builder("alpha", T0.plusSeconds(3600))
                .evidence("quiet", Evidence.MESSAGE).build();
        PresenceTableBuilder keep = new PresenceTableBuilder(Repeats.KEEP);
        PresenceTableBuilder drop = new PresenceTableBuilder(Repeats.DROP);
        for (PresenceSnapshot s : List.of(joinOnly, message)) {
            PresenceIngest.append(keep, s, PresencePolicy.STRICT);
            PresenceIngest.append(drop, s, PresencePolicy.STRICT);
        }
        Aggregator.Aggregation a = Aggregator.aggregate(PresenceTable.of(List.of(keep)), TimeRange.ALL);
        Aggregator.Aggregation b = Aggregator.aggregate(PresenceTable.of(List.of(drop)), TimeRange.ALL);
        assertEquals(2, b.audiences().memberships());
        assertEquals(audience(a, "alpha"), audience(b, "alpha"));
    }
}
