package io.vieweratlas.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A family of planted lakes that vary what real Twitch audiences vary: mixing μ from 0.1 to 0.35,
 * 10 to 100 communities of power-law sizes (at least {@value #MIN_COMMUNITY} channels each), Zipf
 * channel popularity, presence per snapshot 0.3 to 0.8, 1 to 6 snapshots, bots and heavy accounts,
 * variety channels whose audience spans several communities, and several seeds. One lake of the
 * family is too easy to tell settings apart; the family is what defaults are chosen on.
 */
public final class BenchmarkFamily {

    /** Fewest channels of a planted community in the family. */
    public static final int MIN_COMMUNITY = 10;
    /** Viewer accounts per channel in the family's lakes. */
    static final int VIEWERS_PER_CHANNEL = 100;

    private BenchmarkFamily() {
    }

    /**
     * A named lake of the family.
     *
     * @param name short name saying its shape (channels, communities, μ, presence, snapshots, extras, seed)
     * @param spec the spec
     */
    public record Member(String name, SyntheticLakeSpec spec) {
        public Member {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(spec, "spec");
        }
    }

    /**
     * The small family (6 shapes × 2 seeds): every axis reaches both ends of its range at least once,
     * in lakes of 600 to 2,000 channels that the quality benchmark analyses in a few minutes on two cores.
     */
    public static List<Member> small() {
        List<Member> out = new ArrayList<>();
        for (long seed : new long[] {1, 2}) {
            out.add(member(1_000, 25, 0.20, 0.37, 3, 0.00, 0, 0.75, seed));
            out.add(member(2_000, 60, 0.30, 0.37, 3, 0.05, 100, 1.00, seed));
            out.add(member(800, 40, 0.25, 0.40, 4, 0.00, 0, 0.50, seed));
            out.add(member(600, 10, 0.35, 0.30, 1, 0.05, 200, 1.00, seed));
            out.add(member(1_500, 100, 0.10, 0.80, 6, 0.10, 50, 0.75, seed));
            out.add(member(1_200, 30, 0.20, 0.50, 2, 0.15, 300, 1.25, seed));
        }
        return List.copyOf(out);
    }

    /**
     * The full family: μ ∈ {0.1, 0.2, 0.3, 0.35} × communities ∈ {10, 30, 60, 100} × 3 seeds (48 lakes),
     * with presence, snapshots, variety, heavy accounts and the size exponent cycling through their
     * ranges so that every combination of μ and community count meets several of them.
     */
    public static List<Member> full() {
        double[] mixing = {0.10, 0.20, 0.30, 0.35};
        int[] communities = {10, 30, 60, 100};
        double[][] presenceSnapshots = {{0.30, 1}, {0.40, 2}, {0.50, 3}, {0.60, 4}, {0.80, 6}};
        double[] variety = {0.0, 0.05, 0.10, 0.15};
        int[] heavy = {0, 50, 200};
        double[] sizeExponent = {0.5, 0.75, 1.0, 1.25};
        List<Member> out = new ArrayList<>();
        int i = 0;
        for (long seed = 1; seed <= 3; seed++) {
            for (double mu : mixing) {
                for (int k : communities) {
                    double[] ps = presenceSnapshots[i % presenceSnapshots.length];
                    int channels = Math.max(600, k * 20);
                    out.add(member(channels, k, mu, ps[0], (int) ps[1], variety[i % variety.length],
                            heavy[i % heavy.length], sizeExponent[i % sizeExponent.length], seed));
                    i++;
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * One lake of the family's kind: bots present, {@value #VIEWERS_PER_CHANNEL} viewers per
     * channel, communities of at least {@value #MIN_COMMUNITY} channels, Zipf popularity 0.85.
     */
    public static Member member(int channels, int communities, double mixing, double presence, int snapshots,
                                double variety, int heavyAccounts, double sizeExponent, long seed) {
        SyntheticLakeSpec spec = SyntheticLakeSpec.builder().channels(channels).communities(communities)
                .viewers(channels * VIEWERS_PER_CHANNEL).snapshotsPerChannel(snapshots).mixing(mixing).bots(true)
                .seed(seed).minCommunityChannels(MIN_COMMUNITY).communitySizeExponent(sizeExponent)
                .channelPopularityExponent(0.85).presence(presence).varietyShare(variety)
                .heavyAccounts(heavyAccounts).build();
        String name = String.format(Locale.ROOT, "%dch-%dc-mu%.2f-p%.2f-s%d%s%s-e%.2f-seed%d", channels, communities,
                mixing, presence, snapshots, variety > 0 ? String.format(Locale.ROOT, "-v%.2f", variety) : "",
                heavyAccounts > 0 ? "-h" + heavyAccounts : "", sizeExponent, seed);
        return new Member(name, spec);
    }
}
