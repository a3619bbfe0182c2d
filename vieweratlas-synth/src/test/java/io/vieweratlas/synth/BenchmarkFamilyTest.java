package io.vieweratlas.synth;

import io.vieweratlas.core.model.PresenceSnapshot;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchmarkFamilyTest {

    @Test
    void fullFamilySpansEveryAxisTheIssueNames() {
        List<BenchmarkFamily.Member> full = BenchmarkFamily.full();
        assertEquals(48, full.size());
        assertEquals(0.10, full.stream().mapToDouble(m -> m.spec().mixing()).min().orElseThrow(), 1e-12);
        assertEquals(0.35, full.stream().mapToDouble(m -> m.spec().mixing()).max().orElseThrow(), 1e-12);
        assertEquals(10, full.stream().mapToInt(m -> m.spec().communities()).min().orElseThrow());
        assertEquals(100, full.stream().mapToInt(m -> m.spec().communities()).max().orElseThrow());
        assertEquals(0.30, full.stream().mapToDouble(m -> m.spec().shape().presence()).min().orElseThrow(), 1e-12);
        assertEquals(0.80, full.stream().mapToDouble(m -> m.spec().shape().presence()).max().orElseThrow(), 1e-12);
        assertEquals(1, full.stream().mapToInt(m -> m.spec().snapshotsPerChannel()).min().orElseThrow());
        assertEquals(6, full.stream().mapToInt(m -> m.spec().snapshotsPerChannel()).max().orElseThrow());
        assertEquals(3, full.stream().mapToLong(m -> m.spec().seed()).distinct().count());
        assertTrue(full.stream().allMatch(m -> m.spec().bots()));
        assertTrue(full.stream().anyMatch(m -> m.spec().shape().heavyAccounts() > 0));
        assertTrue(full.stream().anyMatch(m -> m.spec().shape().varietyShare() > 0));
        assertEquals(full.size(), full.stream().map(BenchmarkFamily.Member::name).distinct().count());
    }

    @Test
    void plantedCommunitiesFollowAPowerLawAboveTheMinimum() {
        for (BenchmarkFamily.Member m : BenchmarkFamily.small()) {
            SyntheticLake lake = SyntheticLake.plan(m.spec());
            List<Integer> sizes = lake.communitySizes();
            assertEquals(m.spec().communities(), sizes.size(), m.name());
            assertEquals(m.spec().channels(), sizes.stream().mapToInt(Integer::intValue).sum(), m.name());
            assertTrue(sizes.stream().allMatch(s -> s >= BenchmarkFamily.MIN_COMMUNITY), m.name() + ": " + sizes);
            for (int i = 1; i < sizes.size(); i++) {
                assertTrue(sizes.get(i) <= sizes.get(i - 1), "ids are by size: " + sizes);
            }
            // rank^-a above the minimum: the largest excess is many times the median one
            int min = BenchmarkFamily.MIN_COMMUNITY;
            double largest = sizes.get(0) - min;
            double median = sizes.get(sizes.size() / 2) - min;
            double expected = Math.pow(sizes.size() / 2 + 1, m.spec().shape().communitySizeExponent());
            assertTrue(largest / Math.max(1, median) > expected / 2,
                    m.name() + ": largest excess " + largest + ", median " + median + ", rank ratio " + expected);
        }
    }

    @Test
    void varietyChannelsDrawViewersFromSeveralCommunities() {
        BenchmarkFamily.Member m = BenchmarkFamily.member(400, 10, 0.05, 1.0, 1, 0.1, 0, 0.75, 3);
        SyntheticLake lake = SyntheticLake.plan(m.spec());
        assertEquals(40, lake.varietyChannels().size());
        java.util.Map<String, Integer> truth = lake.truth();
        // a viewer's home is where most of their channels are; with presence 1 the snapshot is the audience
        java.util.Map<String, java.util.Map<Integer, Integer>> visits = new java.util.HashMap<>();
        List<PresenceSnapshot> all = new java.util.ArrayList<>();
        lake.forEachSnapshot(all::add);
        for (PresenceSnapshot s : all) {
            for (String v : s.chatters()) {
                visits.computeIfAbsent(v, k -> new java.util.HashMap<>()).merge(truth.get(s.channel()), 1, Integer::sum);
            }
        }
        double varietyForeign = 0;
        double plainForeign = 0;
        int varietyCount = 0;
        int plainCount = 0;
        for (PresenceSnapshot s : all) {
            int own = truth.get(s.channel());
            int foreign = 0;
            int counted = 0;
            for (String v : s.chatters()) {
                java.util.Map<Integer, Integer> byCommunity = visits.get(v);
                if (lake.bots().contains(v)) {
                    continue;
                }
                int home = byCommunity.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
                counted++;
                foreign += home != own ? 1 : 0;
            }
            if (lake.varietyChannels().contains(s.channel())) {
                varietyForeign += (double) foreign / counted;
                varietyCount++;
            } else {
                plainForeign += (double) foreign / counted;
                plainCount++;
            }
        }
        double variety = varietyForeign / varietyCount;
        double plain = plainForeign / plainCount;
        assertTrue(variety > 0.2 && variety > 3 * plain, "foreign share: variety " + variety + ", plain " + plain);
    }

    @Test
    void heavyAccountsVisitManyChannelsAndAreAbsentFromTheDefaultShape() {
        BenchmarkFamily.Member m = BenchmarkFamily.member(300, 10, 0.1, 0.5, 1, 0, 30, 0.75, 4);
        SyntheticLake lake = SyntheticLake.plan(m.spec());
        assertEquals(30, lake.heavyAccounts().size());
        Set<String> heavy = new HashSet<>(lake.heavyAccounts());
        java.util.Map<String, Integer> channels = new java.util.HashMap<>();
        lake.forEachSnapshot(s -> s.chatters().stream().filter(heavy::contains).forEach(h -> channels.merge(h, 1,
                Integer::sum)));
        assertEquals(30, channels.size());
        assertTrue(channels.values().stream().allMatch(c -> c >= 10), "each heavy account is seen in many channels: "
                + channels.values());
        SyntheticLake plain = SyntheticLake.plan(SyntheticLakeSpec.builder().channels(100).communities(5)
                .viewers(2_000).snapshotsPerChannel(1).build());
        assertTrue(plain.heavyAccounts().isEmpty());
        assertTrue(plain.varietyChannels().isEmpty());
        assertFalse(m.name().isBlank());
    }
}
