package io.vieweratlas.synth;

import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticLakeTest {

    private static final SyntheticLakeSpec SMALL = SyntheticLakeSpec.builder()
            .channels(120).communities(6).viewers(12_000).snapshotsPerChannel(3).bots(true).seed(7).build();

    private static SyntheticLakeSpec.Builder small() {
        return SyntheticLakeSpec.builder().channels(120).communities(6).viewers(12_000).snapshotsPerChannel(3)
                .bots(true).seed(7);
    }

    private static List<PresenceSnapshot> all(SyntheticLake lake) {
        List<PresenceSnapshot> out = new ArrayList<>();
        lake.forEachSnapshot(out::add);
        return out;
    }

    @Test
    void sameSpecGivesIdenticalSnapshotsWhateverTheThreading() {
        List<PresenceSnapshot> first = all(SyntheticLake.plan(SMALL));
        SyntheticLake again = SyntheticLake.plan(SMALL);
        List<PresenceSnapshot> parallel = again.snapshots().parallel().toList();
        assertEquals(first, parallel);
        assertEquals(SyntheticLake.plan(SMALL).truth(), again.truth());
        assertEquals(SyntheticLake.plan(SMALL).summary(), again.summary());
    }

    @Test
    void differentSeedGivesDifferentLake() {
        SyntheticLake a = SyntheticLake.plan(SMALL);
        SyntheticLake b = SyntheticLake.plan(small().seed(8).build());
        assertNotEquals(a.channels(), b.channels());
        assertNotEquals(a.snapshotsOf(0).get(0).chatters(), b.snapshotsOf(0).get(0).chatters());
    }

    @Test
    void yieldsEveryChannelsSnapshotsInOrder() {
        SyntheticLake lake = SyntheticLake.plan(SMALL);
        List<PresenceSnapshot> snapshots = all(lake);
        assertEquals(120 * 3, snapshots.size());
        assertEquals(360L, lake.snapshotCount());
        assertEquals(360L, lake.summary().snapshots());
        List<String> channels = lake.channels();
        assertEquals(new ArrayList<>(new TreeSet<>(channels)), channels, "channels are unique and sorted");
        for (int i = 0; i < snapshots.size(); i++) {
            PresenceSnapshot s = snapshots.get(i);
            assertEquals(channels.get(i / 3), s.channel());
            assertEquals(PresenceSourceKind.SYNTHETIC, s.source());
            assertEquals(Duration.ZERO, s.window());
            Instant cycle = SMALL.start().plus(SMALL.snapshotInterval().multipliedBy(i % 3));
            assertFalse(s.timestamp().isBefore(cycle));
            assertTrue(s.timestamp().isBefore(cycle.plus(SMALL.snapshotInterval())));
            assertEquals(0, s.timestamp().getNano());
            assertTrue(s.stream().startedAt().orElseThrow().isBefore(s.timestamp()));
            assertTrue(s.chatters().size() > 10, s.channel() + " has " + s.chatters().size() + " chatters");
        }
    }

    @Test
    void truthCoversEveryChannelWithUnevenCommunities() {
        SyntheticLake lake = SyntheticLake.plan(SMALL);
        SortedMap<String, Integer> truth = lake.truth();
        assertEquals(new TreeSet<>(lake.channels()), truth.keySet());
        Map<Integer, Long> sizes = truth.values().stream()
                .collect(Collectors.groupingBy(c -> c, TreeMap::new, Collectors.counting()));
        assertEquals(Set.of(0, 1, 2, 3, 4, 5), sizes.keySet());
        List<SyntheticLakeSummary.PlantedCommunity> planted = lake.summary().communities();
        for (SyntheticLakeSummary.PlantedCommunity c : planted) {
            assertEquals(c.channels(), sizes.get(c.id()));
            assertTrue(c.channels() >= SyntheticLakeSpec.MIN_CHANNELS_PER_COMMUNITY);
        }
        assertTrue(planted.get(0).channels() >= 2 * planted.get(5).channels(),
                "sizes should be uneven: " + sizes);
        assertEquals(12_000, planted.stream().mapToInt(SyntheticLakeSummary.PlantedCommunity::homeViewers).sum());
    }

    @Test
    void loginsLookLikeTwitchLoginsAndAreUnique() {
        SyntheticLake lake = SyntheticLake.plan(SMALL);
        Set<String> seen = new HashSet<>(lake.bots());
        for (String channel : lake.channels()) {
            assertTrue(Names.isValid(channel), channel);
            assertTrue(seen.add(channel), "duplicate " + channel);
        }
        for (int v = 0; v < SMALL.viewers(); v++) {
            String login = lake.login(v);
            assertTrue(Names.isValid(login), login);
            assertTrue(seen.add(login), "duplicate " + login);
        }
        for (String bot : lake.bots()) {
            assertTrue(bot.matches("[a-z0-9_]{4,25}"), bot);
        }
    }

    @Test
    void botsSitInAlmostEverySnapshotOnlyWhenAsked() {
        List<PresenceSnapshot> withBots = all(SyntheticLake.plan(SMALL));
        SyntheticLake lake = SyntheticLake.plan(SMALL);
        assertTrue(lake.bots().containsAll(List.of("nightbot", "streamelements", "moobot", "fossabot", "soundalerts",
                "streamlabs", "wizebot", "commanderroot")));
        for (String bot : lake.bots()) {
            long present = withBots.stream().filter(s -> s.chatters().contains(bot)).count();
            assertTrue(present >= 0.75 * withBots.size(), bot + " in " + present + " of " + withBots.size());
        }

        SyntheticLake noBots = SyntheticLake.plan(small().bots(false).build());
        assertEquals(List.of(), noBots.bots());
        assertEquals(0, noBots.summary().botAccounts());
        Set<String> botNames = new HashSet<>(lake.bots());
        noBots.forEachSnapshot(s -> assertTrue(s.chatters().stream().noneMatch(botNames::contains)));
        // Bots are the only difference: the population is the same with or without them.
        assertEquals(lake.truth(), noBots.truth());
        PresenceSnapshot first = withBots.get(0);
        Set<String> humans = new TreeSet<>(first.chatters());
        humans.removeAll(botNames);
        assertEquals(humans, noBots.snapshotsOf(0).get(0).chatters());
    }

    @Test
    void viewersStayMostlyInTheirHomeCommunity() {
        SyntheticLake lake = SyntheticLake.plan(SMALL);
        Map<String, Integer> truth = lake.truth();
        Set<String> bots = Set.copyOf(lake.bots());
        Map<String, Map<Integer, Integer>> visits = new HashMap<>();
        lake.forEachSnapshot(s -> {
            for (String login : s.chatters()) {
                if (!bots.contains(login)) {
                    visits.computeIfAbsent(login, l -> new HashMap<>()).merge(truth.get(s.channel()), 1, Integer::sum);
                }
            }
        });
        long total = 0;
        long home = 0;
        for (Map<Integer, Integer> perCommunity : visits.values()) {
            int sum = perCommunity.values().stream().mapToInt(Integer::intValue).sum();
            total += sum;
            home += perCommunity.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        }
        double share = (double) home / total;
        assertTrue(share > 0.85 && share < 0.99, "share of presences in the main community: " + share);

        SyntheticLake pure = SyntheticLake.plan(small().mixing(0.0).build());
        Map<String, Integer> pureTruth = pure.truth();
        Map<String, Integer> community = new HashMap<>();
        pure.forEachSnapshot(s -> {
            for (String login : s.chatters()) {
                if (!bots.contains(login)) {
                    Integer before = community.putIfAbsent(login, pureTruth.get(s.channel()));
                    assertTrue(before == null || before.equals(pureTruth.get(s.channel())),
                            login + " strays without mixing");
                }
            }
        });
    }

    @Test
    void moreSnapshotsCoverMoreOfTheAudience() {
        SyntheticLake one = SyntheticLake.plan(small().snapshotsPerChannel(1).build());
        SyntheticLake five = SyntheticLake.plan(small().snapshotsPerChannel(5).build());
        // The first snapshot is the same: later snapshots only add.
        assertEquals(one.snapshotsOf(3).get(0), five.snapshotsOf(3).get(0));
        Set<String> union = new HashSet<>();
        five.snapshotsOf(3).forEach(s -> union.addAll(s.chatters()));
        int firstOnly = one.snapshotsOf(3).get(0).chatters().size();
        assertTrue(union.size() > 1.5 * firstOnly, union.size() + " vs " + firstOnly);
        assertTrue(union.size() <= five.audienceSize(3) + five.bots().size());
    }

    @Test
    void metadataFollowsTheCommunity() {
        SyntheticLake lake = SyntheticLake.plan(SMALL);
        Map<String, Integer> truth = lake.truth();
        Map<Integer, Map<String, Integer>> languages = new HashMap<>();
        Map<Integer, Map<String, Integer>> games = new HashMap<>();
        lake.forEachSnapshot(s -> {
            int c = truth.get(s.channel());
            languages.computeIfAbsent(c, x -> new HashMap<>()).merge(s.stream().language(), 1, Integer::sum);
            games.computeIfAbsent(c, x -> new HashMap<>()).merge(s.stream().gameName(), 1, Integer::sum);
            assertTrue(Catalog.LANGUAGES.contains(s.stream().language()));
            assertTrue(Catalog.GAMES.contains(s.stream().gameName()));
            assertTrue(s.stream().title().contains(s.stream().gameName()), s.stream().title());
            assertTrue(s.stream().viewerCount() >= s.chatters().size() - lake.bots().size());
        });
        for (SyntheticLakeSummary.PlantedCommunity c : lake.summary().communities()) {
            assertEquals(c.language(), top(languages.get(c.id())), "language of community " + c.id());
            assertEquals(c.game(), top(games.get(c.id())), "game of community " + c.id());
        }
    }

    private static String top(Map<String, Integer> counts) {
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    @Test
    void sizesFollowTheCalibration() {
        // Issue 4's "large" lake (5,000 channels, 2,000,000 viewers, 3 snapshots) must be ~130 MB of JSON,
        // ~6.8 M chatter entries. Entries scale as viewers x visits per viewer x presence x snapshots, so
        // checking the per-viewer rates on a tenth of the viewers checks the large lake.
        SyntheticLakeSpec spec = SyntheticLakeSpec.builder().channels(1000).communities(20).viewers(200_000)
                .snapshotsPerChannel(3).build();
        SyntheticLake lake = SyntheticLake.plan(spec);
        double visitsPerViewer = (double) lake.summary().memberships() / spec.viewers();
        assertTrue(visitsPerViewer > 2.8 && visitsPerViewer < 3.2, "visits per viewer " + visitsPerViewer);
        long[] entries = {0};
        lake.snapshots().parallel().forEach(s -> {
            synchronized (entries) {
                entries[0] += s.chatters().size();
            }
        });
        double perViewerSnapshot = (double) entries[0] / spec.viewers() / spec.snapshotsPerChannel();
        assertTrue(perViewerSnapshot > 1.0 && perViewerSnapshot < 1.2, "entries per viewer and cycle " + perViewerSnapshot);
        int smallest = Integer.MAX_VALUE;
        for (int i = 0; i < spec.channels(); i++) {
            smallest = Math.min(smallest, lake.audienceSize(i));
        }
        assertTrue(smallest >= 100, "smallest audience " + smallest);
    }
}
