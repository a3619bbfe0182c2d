package io.vieweratlas.synth;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What a synthetic lake contains: how many channels, planted communities, viewers and snapshots,
 * how much viewers stray from their home community, whether bot accounts are present, and the
 * seed that fixes every random draw.
 *
 * @param channels            number of channels, 1..1,000,000
 * @param communities         number of planted communities; each gets at least the shape's
 *                            {@code minCommunityChannels} channels
 * @param viewers             number of distinct viewer accounts (bots excluded), at least
 *                            {@code channels}, at most 50,000,000
 * @param snapshotsPerChannel snapshots taken of every channel, 1..1,000
 * @param mixing              share of a viewer's channel visits outside their home community, in [0, 1)
 * @param bots                whether bot accounts (nightbot, streamelements, ...) appear in almost every snapshot
 * @param seed                fixes every random draw
 * @param start               time of the first collection cycle, whole seconds
 * @param snapshotInterval    time between a channel's snapshots, 1 minute..30 days, whole seconds
 * @param shape               how audiences are shaped (community sizes, popularity, presence, variety
 *                            channels, heavy accounts); {@link Shape#DEFAULT} unless asked otherwise
 */
public record SyntheticLakeSpec(int channels, int communities, int viewers, int snapshotsPerChannel,
                                double mixing, boolean bots, long seed, Instant start,
                                Duration snapshotInterval, Shape shape) {

    /** Fewest channels a planted community can have: fewer could not form a community of its own. */
    public static final int MIN_CHANNELS_PER_COMMUNITY = 3;
    /** Most channels a spec may ask for. */
    public static final int MAX_CHANNELS = 1_000_000;
    /** Most viewers a spec may ask for (keeps every membership count within an {@code int}). */
    public static final int MAX_VIEWERS = 50_000_000;
    /** Most snapshots per channel a spec may ask for. */
    public static final int MAX_SNAPSHOTS_PER_CHANNEL = 1_000;
    /** Default share of visits outside the home community. */
    public static final double DEFAULT_MIXING = 0.1;
    /** Default start: a fixed Monday, so output does not depend on when it was generated. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-05T00:00:00Z");
    /** Default time between a channel's snapshots (the original collects hourly). */
    public static final Duration DEFAULT_SNAPSHOT_INTERVAL = Duration.ofHours(1);
    /** Default seed. */
    public static final long DEFAULT_SEED = 1L;

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException naming the field, its value and what is allowed
     */
    public SyntheticLakeSpec {
        Objects.requireNonNull(shape, "shape");
        int minSize = shape.minCommunityChannels();
        requireRange("channels", channels, 1, MAX_CHANNELS);
        requireRange("communities", communities, 1, MAX_CHANNELS / MIN_CHANNELS_PER_COMMUNITY);
        if ((long) communities * minSize > channels) {
            throw new IllegalArgumentException("communities is " + communities + " but " + channels
                    + " channels allow at most " + channels / minSize
                    + " (each community needs at least " + minSize + " channels)");
        }
        requireRange("viewers", viewers, 1, MAX_VIEWERS);
        if (viewers < channels) {
            throw new IllegalArgumentException("viewers is " + viewers + " but must be at least channels ("
                    + channels + ") so that every channel can have an audience");
        }
        requireRange("snapshotsPerChannel", snapshotsPerChannel, 1, MAX_SNAPSHOTS_PER_CHANNEL);
        if (!(mixing >= 0.0 && mixing < 1.0)) {
            throw new IllegalArgumentException("mixing is " + String.format(Locale.ROOT, "%s", mixing)
                    + " but must be in [0, 1): the share of a viewer's visits outside their home community");
        }
        Objects.requireNonNull(start, "start");
        if (start.getNano() != 0) {
            throw new IllegalArgumentException("start is " + start
                    + " but must be a whole second (snapshot keys have second resolution)");
        }
        Objects.requireNonNull(snapshotInterval, "snapshotInterval");
        if (snapshotInterval.compareTo(Duration.ofMinutes(1)) < 0
                || snapshotInterval.compareTo(Duration.ofDays(30)) > 0
                || snapshotInterval.getNano() != 0) {
            throw new IllegalArgumentException("snapshotInterval is " + snapshotInterval
                    + " but must be whole seconds between PT1M and P30D");
        }
        Instant last = start.plus(snapshotInterval.multipliedBy(snapshotsPerChannel));
        if (last.isAfter(Instant.parse("9999-01-01T00:00:00Z"))) {
            throw new IllegalArgumentException("start " + start + " plus " + snapshotsPerChannel + " snapshots of "
                    + snapshotInterval + " runs past the year 9999");
        }
    }

    /**
     * A short stable key of the spec, for caches of generated lakes. A spec of the default shape
     * keys on its first nine fields only (combined as {@code 31 * h + field}), so the key of a
     * plain spec does not depend on the shape options a generator may learn.
     *
     * @return eight hex digits
     */
    public String cacheKey() {
        int h = 0;
        h = 31 * h + Integer.hashCode(channels);
        h = 31 * h + Integer.hashCode(communities);
        h = 31 * h + Integer.hashCode(viewers);
        h = 31 * h + Integer.hashCode(snapshotsPerChannel);
        h = 31 * h + Double.hashCode(mixing);
        h = 31 * h + Boolean.hashCode(bots);
        h = 31 * h + Long.hashCode(seed);
        h = 31 * h + start.hashCode();
        h = 31 * h + snapshotInterval.hashCode();
        if (!shape.equals(Shape.DEFAULT)) {
            h = 31 * h + shape.hashCode();
        }
        return Integer.toHexString(h);
    }

    /**
     * How the audiences of a lake are shaped beyond the counts: what makes one planted lake harder
     * to separate than another. {@link #DEFAULT} is the generator's original calibration (used by
     * the benchmark sizes); the quality benchmark varies every field.
     *
     * @param minCommunityChannels      fewest channels a planted community has, at least
     *                                  {@value SyntheticLakeSpec#MIN_CHANNELS_PER_COMMUNITY}
     * @param communitySizeExponent     community sizes above the minimum follow {@code rank^-exponent}
     *                                  (jittered): 0 gives equal sizes, 1 a steep power law; in [0, 4]
     * @param channelPopularityExponent channel popularity inside a community follows Zipf
     *                                  {@code rank^-exponent}; in [0, 4]
     * @param presence                  probability that an audience member is present in one snapshot, in (0, 1]
     * @param varietyShare              share of channels that are "variety" channels, in [0, 0.5]: besides
     *                                  their home community, viewers of two to four other communities
     *                                  visit them (together about a third of their audience)
     * @param heavyAccounts             accounts that visit many channels across all communities (crawlers,
     *                                  channel hoppers), 0..100,000; each visits 20 to 200 channels
     */
    public record Shape(int minCommunityChannels, double communitySizeExponent, double channelPopularityExponent,
                        double presence, double varietyShare, int heavyAccounts) {

        /** The generator's original calibration. */
        public static final Shape DEFAULT = new Shape(MIN_CHANNELS_PER_COMMUNITY, 0.75, 0.85, 0.37, 0.0, 0);

        /** Most heavy accounts a shape may ask for. */
        public static final int MAX_HEAVY_ACCOUNTS = 100_000;

        /**
         * Checks every field.
         *
         * @throws IllegalArgumentException naming the field, its value and what is allowed
         */
        public Shape {
            requireRange("minCommunityChannels", minCommunityChannels, MIN_CHANNELS_PER_COMMUNITY, MAX_CHANNELS);
            requireUnit("communitySizeExponent", communitySizeExponent, 0, 4, true);
            requireUnit("channelPopularityExponent", channelPopularityExponent, 0, 4, true);
            requireUnit("presence", presence, 0, 1, false);
            requireUnit("varietyShare", varietyShare, 0, 0.5, true);
            requireRange("heavyAccounts", heavyAccounts, 0, MAX_HEAVY_ACCOUNTS);
        }

        private static void requireUnit(String name, double value, double min, double max, boolean minIncluded) {
            boolean above = minIncluded ? value >= min : value > min;
            if (!(above && value <= max)) {
                throw new IllegalArgumentException(name + " is " + String.format(Locale.ROOT, "%s", value)
                        + " but must be in " + (minIncluded ? "[" : "(") + String.format(Locale.ROOT, "%s", min)
                        + ", " + String.format(Locale.ROOT, "%s", max) + "]");
            }
        }
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " is " + value + " but must be between " + min + " and " + max);
        }
    }

    /**
     * Starts a builder with the defaults (mixing 0.1, no bots, seed 1, start 2026-01-05T00:00Z,
     * hourly, {@link Shape#DEFAULT}).
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link SyntheticLakeSpec}s; channels, communities, viewers and snapshots must be set. */
    public static final class Builder {
        private int channels;
        private int communities;
        private int viewers;
        private int snapshotsPerChannel;
        private double mixing = DEFAULT_MIXING;
        private boolean bots;
        private long seed = DEFAULT_SEED;
        private Instant start = DEFAULT_START;
        private Duration snapshotInterval = DEFAULT_SNAPSHOT_INTERVAL;
        private int minCommunityChannels = Shape.DEFAULT.minCommunityChannels();
        private double communitySizeExponent = Shape.DEFAULT.communitySizeExponent();
        private double channelPopularityExponent = Shape.DEFAULT.channelPopularityExponent();
        private double presence = Shape.DEFAULT.presence();
        private double varietyShare = Shape.DEFAULT.varietyShare();
        private int heavyAccounts = Shape.DEFAULT.heavyAccounts();

        private Builder() {
        }

        /** Sets the fewest channels of a planted community. */
        public Builder minCommunityChannels(int minCommunityChannels) {
            this.minCommunityChannels = minCommunityChannels;
            return this;
        }

        /** Sets the power-law exponent of community sizes. */
        public Builder communitySizeExponent(double communitySizeExponent) {
            this.communitySizeExponent = communitySizeExponent;
            return this;
        }

        /** Sets the Zipf exponent of channel popularity inside a community. */
        public Builder channelPopularityExponent(double channelPopularityExponent) {
            this.channelPopularityExponent = channelPopularityExponent;
            return this;
        }

        /** Sets the probability that an audience member is present in one snapshot. */
        public Builder presence(double presence) {
            this.presence = presence;
            return this;
        }

        /** Sets the share of channels whose audience spans several communities. */
        public Builder varietyShare(double varietyShare) {
            this.varietyShare = varietyShare;
            return this;
        }

        /** Sets the number of heavy accounts (present in many channels of every community). */
        public Builder heavyAccounts(int heavyAccounts) {
            this.heavyAccounts = heavyAccounts;
            return this;
        }

        /** Sets the number of channels. */
        public Builder channels(int channels) {
            this.channels = channels;
            return this;
        }

        /** Sets the number of planted communities. */
        public Builder communities(int communities) {
            this.communities = communities;
            return this;
        }

        /** Sets the number of viewer accounts (bots excluded). */
        public Builder viewers(int viewers) {
            this.viewers = viewers;
            return this;
        }

        /** Sets the number of snapshots per channel. */
        public Builder snapshotsPerChannel(int snapshotsPerChannel) {
            this.snapshotsPerChannel = snapshotsPerChannel;
            return this;
        }

        /** Sets the share of visits outside the home community. */
        public Builder mixing(double mixing) {
            this.mixing = mixing;
            return this;
        }

        /** Sets whether bot accounts are present. */
        public Builder bots(boolean bots) {
            this.bots = bots;
            return this;
        }

        /** Sets the seed. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Sets the time of the first collection cycle (whole seconds). */
        public Builder start(Instant start) {
            this.start = start;
            return this;
        }

        /** Sets the time between a channel's snapshots. */
        public Builder snapshotInterval(Duration snapshotInterval) {
            this.snapshotInterval = snapshotInterval;
            return this;
        }

        /**
         * Builds and checks the spec.
         *
         * @throws IllegalArgumentException naming the first field that is missing or out of range
         */
        public SyntheticLakeSpec build() {
            Shape shape = new Shape(minCommunityChannels, communitySizeExponent, channelPopularityExponent, presence,
                    varietyShare, heavyAccounts);
            return new SyntheticLakeSpec(channels, communities, viewers, snapshotsPerChannel, mixing, bots, seed,
                    start, snapshotInterval, shape);
        }
    }
}
