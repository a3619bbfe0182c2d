package io.vieweratlas.core.analysis;

import io.vieweratlas.core.model.PresencePolicy;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything that steers one analysis. Field names match the YAML keys of the {@code analysis}
 * section ({@code overlap_threshold}, {@code min_community_size}, ...), see {@link #asConfig()}.
 *
 * @param overlapThreshold     an edge is kept when its channels share at least this many viewers (0 acts as 1)
 * @param minCommunitySize     communities with fewer channels become "unassigned"
 * @param resolution           modularity resolution {@code γ} (higher: more, smaller communities)
 * @param minObservations      channels seen in fewer snapshots are dropped
 * @param minChannelViewers    channels with fewer distinct viewers (after account filters) are dropped
 * @param maxChannelsPerViewer accounts present in more channels of the window are dropped as heavy accounts;
 *                             {@value #AUTOMATIC} chooses the limit from the data ({@link #heavyAccountLimit})
 * @param bots                 known bot logins, lower case, sorted, removed from every audience
 * @param weighting            edge weight
 * @param algorithm            community detection algorithm
 * @param seed                 random seed of community detection
 * @param significanceLevel    for {@link Weighting#SIGNIFICANCE}: edges need {@code p <} this
 * @param presence             which chat evidence counts as presence
 * @param attachUnassigned     attach channels left unassigned to the community they clearly share the most
 *                             viewers with, counting viewers below {@code overlap_threshold}
 *                             ({@code attach_unassigned}; reported as {@code attached_channels})
 * @param splitCommunities     split every community that holds communities of its own, i.e. splits
 *                             clearly better than random graphs of the same degrees do
 *                             ({@code split_communities}; reported as {@code split_communities})
 * @param reassignChannels     move a channel to another community when at least twice as many of its
 *                             viewers watch that community as its own ({@code reassign_channels};
 *                             reported as {@code reassigned_channels})
 */
public record AnalysisParameters(int overlapThreshold, int minCommunitySize, double resolution,
                                 int minObservations, int minChannelViewers, int maxChannelsPerViewer,
                                 List<String> bots, Weighting weighting, CommunityAlgorithm algorithm, long seed,
                                 double significanceLevel, PresencePolicy presence,
                                 boolean attachUnassigned, boolean splitCommunities,
                                 boolean reassignChannels) {

    /** The bot accounts filtered by default: chat bots present in many channels at once. */
    public static final List<String> DEFAULT_BOTS = List.of(
            "nightbot", "streamelements", "moobot", "fossabot", "streamlabs", "soundalerts",
            "wizebot", "sery_bot", "commanderroot", "botrixoficial", "kofistreambot", "pokemoncommunitygame",
            "streamstickers", "lurxx", "anotherttvviewer", "own3d", "blerp", "frostytoolsdotcom",
            "tangiabot", "creatisbot", "songlistbot", "drapsnatt", "aliceydra");

    /** Smallest resolution accepted: below it every graph is one community. */
    public static final double MIN_RESOLUTION = 1e-4;
    /** Largest resolution accepted: above it every channel is its own community. */
    public static final double MAX_RESOLUTION = 1000;
    /** Smallest significance level accepted (a p-value bound must be positive). */
    public static final double MIN_SIGNIFICANCE_LEVEL = 1e-300;
    /** Largest significance level accepted: a bound above one half keeps edges more likely by chance than not. */
    public static final double MAX_SIGNIFICANCE_LEVEL = 0.5;

    /**
     * Default weighting: Jaccard similarity. Chosen on the quality benchmark's family of planted lakes
     * ({@code bench --quality}, docs/GUIDE.md): with resolution {@value #DEFAULT_RESOLUTION} it has the
     * best worst case of the settings that score at least the original project's method on every
     * lake and cost no more than it, and the best median among those within 0.01 of that worst case.
     * Raw shared counts let the largest channels dominate the modularity null model and merge small
     * communities.
     */
    public static final Weighting DEFAULT_WEIGHTING = Weighting.JACCARD;
    /**
     * Default modularity resolution: 2.0, chosen with {@link #DEFAULT_WEIGHTING} (see there). Lower
     * values merge the small planted communities of lakes with 60 to 100 communities (the
     * resolution limit of modularity); higher ones split the large communities of lakes with few.
     */
    public static final double DEFAULT_RESOLUTION = 2.0;

    /**
     * Default of {@code attach_unassigned}: on. On the quality benchmark's family (docs/GUIDE.md
     * section 2.1) it raises the worst case (lakes with one sparse snapshot, where a third of the
     * channels have no edge at the threshold) and changes no other lake; it costs one pass over the
     * memberships.
     */
    public static final boolean DEFAULT_ATTACH_UNASSIGNED = true;

    /**
     * Default of {@code split_communities}: on. Modularity merges small communities that one edge
     * links once they are small against the whole graph (its resolution limit); on the quality
     * benchmark's full family (docs/GUIDE.md section 2.1) the check finds all 100 planted
     * communities where modularity alone found 58 to 73, and no lake scores lower with it.
     */
    public static final boolean DEFAULT_SPLIT_COMMUNITIES = true;

    /**
     * Default of {@code reassign_channels}: on. Modularity places a channel of a large community
     * whose audience also holds a small community's regulars with the small community, whose
     * viewers are concentrated on few channels; counted by viewers it belongs to its own. On the
     * quality benchmark's full family (docs/GUIDE.md section 2.1) it lifts the median NMI to 1.0
     * and no lake scores lower.
     */
    public static final boolean DEFAULT_REASSIGN_CHANNELS = true;

    /** {@code max_channels_per_viewer} value that means "choose from the data", see {@link #heavyAccountLimit}. */
    public static final int AUTOMATIC = 0;

    public AnalysisParameters {
        requireAtLeast("overlap_threshold", overlapThreshold, 0);
        requireAtLeast("min_community_size", minCommunitySize, 1);
        requireAtLeast("min_observations", minObservations, 1);
        requireAtLeast("min_channel_viewers", minChannelViewers, 0);
        requireAtLeast("max_channels_per_viewer", maxChannelsPerViewer, 0);
        if (!(resolution >= MIN_RESOLUTION && resolution <= MAX_RESOLUTION)) {
            throw new IllegalArgumentException("resolution must lie in [" + MIN_RESOLUTION + ", " + MAX_RESOLUTION
                    + "], was " + resolution);
        }
        if (!(significanceLevel >= MIN_SIGNIFICANCE_LEVEL && significanceLevel <= MAX_SIGNIFICANCE_LEVEL)) {
            throw new IllegalArgumentException("significance_level must lie in [" + MIN_SIGNIFICANCE_LEVEL + ", "
                    + MAX_SIGNIFICANCE_LEVEL + "], was " + significanceLevel);
        }
        Objects.requireNonNull(weighting, "weighting");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(presence, "presence");
        TreeSet<String> botSet = new TreeSet<>();
        for (String bot : Objects.requireNonNull(bots, "bots")) {
            if (bot == null || bot.isBlank()) {
                throw new IllegalArgumentException("bots must not contain blank entries");
            }
            botSet.add(bot.strip().toLowerCase(Locale.ROOT));
        }
        bots = List.copyOf(botSet);
    }

    private static void requireAtLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be >= " + min + ", was " + value);
        }
    }

    /**
     * The heavy-account limit for a window of {@code channels} channels: the configured value, or
     * when automatic {@code max(50, ceil(2 % of channels))}. A person watching and chatting in more
     * than 50 channels within one window is implausible; scaling with the channel count keeps
     * very large lakes from cutting ordinary heavy users.
     */
    public int heavyAccountLimit(int channels) {
        if (maxChannelsPerViewer != AUTOMATIC) {
            return maxChannelsPerViewer;
        }
        return Math.max(50, (int) Math.ceil(0.02 * channels));
    }

    /** The defaults a user gets (chosen by measurement, see docs/BENCHMARKS.md). */
    public static AnalysisParameters defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these parameters. */
    public Builder toBuilder() {
        return new Builder().overlapThreshold(overlapThreshold).minCommunitySize(minCommunitySize)
                .resolution(resolution).minObservations(minObservations).minChannelViewers(minChannelViewers)
                .maxChannelsPerViewer(maxChannelsPerViewer).bots(bots).weighting(weighting).algorithm(algorithm)
                .seed(seed).significanceLevel(significanceLevel).presence(presence)
                .attachUnassigned(attachUnassigned).splitCommunities(splitCommunities)
                .reassignChannels(reassignChannels);
    }

    /** The parameters under their YAML key names, sorted, for the results file. */
    public SortedMap<String, Object> asConfig() {
        TreeMap<String, Object> m = new TreeMap<>();
        m.put("overlap_threshold", overlapThreshold);
        m.put("min_community_size", minCommunitySize);
        m.put("resolution", resolution);
        m.put("min_observations", minObservations);
        m.put("min_channel_viewers", minChannelViewers);
        m.put("max_channels_per_viewer", maxChannelsPerViewer);
        m.put("bots", bots);
        m.put("weighting", weighting.wireName());
        m.put("algorithm", algorithm.wireName());
        m.put("seed", seed);
        m.put("significance_level", significanceLevel);
        m.put("presence", presence.name().toLowerCase(Locale.ROOT));
        m.put("attach_unassigned", attachUnassigned);
        m.put("split_communities", splitCommunities);
        m.put("reassign_channels", reassignChannels);
        return m;
    }

    /** Builds {@link AnalysisParameters}; every setter starts from the default. */
    public static final class Builder {
        private int overlapThreshold = 5;
        private int minCommunitySize = 2;
        private double resolution = DEFAULT_RESOLUTION;
        private int minObservations = 1;
        private int minChannelViewers = 1;
        private int maxChannelsPerViewer = AUTOMATIC;
        private List<String> bots = DEFAULT_BOTS;
        private Weighting weighting = DEFAULT_WEIGHTING;
        private CommunityAlgorithm algorithm = CommunityAlgorithm.LEIDEN;
        private long seed = 42;
        private double significanceLevel = 0.001;
        private PresencePolicy presence = PresencePolicy.INCLUSIVE;
        private boolean attachUnassigned = DEFAULT_ATTACH_UNASSIGNED;
        private boolean splitCommunities = DEFAULT_SPLIT_COMMUNITIES;
        private boolean reassignChannels = DEFAULT_REASSIGN_CHANNELS;

        private Builder() {
        }

        /** Sets {@code overlap_threshold}. */
        public Builder overlapThreshold(int v) {
            overlapThreshold = v;
            return this;
        }

        /** Sets {@code min_community_size}. */
        public Builder minCommunitySize(int v) {
            minCommunitySize = v;
            return this;
        }

        /** Sets {@code resolution}. */
        public Builder resolution(double v) {
            resolution = v;
            return this;
        }

        /** Sets {@code min_observations}. */
        public Builder minObservations(int v) {
            minObservations = v;
            return this;
        }

        /** Sets {@code min_channel_viewers}. */
        public Builder minChannelViewers(int v) {
            minChannelViewers = v;
            return this;
        }

        /** Sets {@code max_channels_per_viewer}. */
        public Builder maxChannelsPerViewer(int v) {
            maxChannelsPerViewer = v;
            return this;
        }

        /** Sets {@code bots}, replacing the default list. */
        public Builder bots(List<String> v) {
            bots = List.copyOf(Objects.requireNonNull(v, "bots"));
            return this;
        }

        /** Sets {@code weighting}. */
        public Builder weighting(Weighting v) {
            weighting = v;
            return this;
        }

        /** Sets {@code algorithm}. */
        public Builder algorithm(CommunityAlgorithm v) {
            algorithm = v;
            return this;
        }

        /** Sets {@code seed}. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Sets {@code significance_level}. */
        public Builder significanceLevel(double v) {
            significanceLevel = v;
            return this;
        }

        /** Sets {@code presence}. */
        public Builder presence(PresencePolicy v) {
            presence = v;
            return this;
        }

        /** Sets {@code reassign_channels}. */
        public Builder reassignChannels(boolean v) {
            reassignChannels = v;
            return this;
        }

        /** Sets {@code split_communities}. */
        public Builder splitCommunities(boolean v) {
            splitCommunities = v;
            return this;
        }

        /** Sets {@code attach_unassigned}. */
        public Builder attachUnassigned(boolean v) {
            attachUnassigned = v;
            return this;
        }

        /** Builds the parameters, checking every value. */
        public AnalysisParameters build() {
            return new AnalysisParameters(overlapThreshold, minCommunitySize, resolution, minObservations,
                    minChannelViewers, maxChannelsPerViewer, bots, weighting, algorithm, seed, significanceLevel,
                    presence, attachUnassigned, splitCommunities, reassignChannels);
        }
    }
}
