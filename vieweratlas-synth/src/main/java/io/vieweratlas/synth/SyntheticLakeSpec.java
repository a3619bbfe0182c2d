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
 * @param communities         number of planted communities; each gets at least
 *                            {@value #MIN_CHANNELS_PER_COMMUNITY} channels
 * @param viewers             number of distinct viewer accounts (bots excluded), at least
 *                            {@code channels}, at most 50,000,000
 * @param snapshotsPerChannel snapshots taken of every channel, 1..1,000
 * @param mixing              share of a viewer's channel visits outside their home community, in [0, 1)
 * @param bots                whether bot accounts (nightbot, streamelements, ...) appear in almost every snapshot
 * @param seed                fixes every random draw
 * @param start               time of the first collection cycle, whole seconds
 * @param snapshotInterval    time between a channel's snapshots, 1 minute..30 days, whole seconds
 */
public record SyntheticLakeSpec(int channels, int communities, int viewers, int snapshotsPerChannel,
                                double mixing, boolean bots, long seed, Instant start,
                                Duration snapshotInterval) {

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
        requireRange("channels", channels, 1, MAX_CHANNELS);
        requireRange("communities", communities, 1, MAX_CHANNELS / MIN_CHANNELS_PER_COMMUNITY);
        if ((long) communities * MIN_CHANNELS_PER_COMMUNITY > channels) {
            throw new IllegalArgumentException("communities is " + communities + " but " + channels
                    + " channels allow at most " + channels / MIN_CHANNELS_PER_COMMUNITY
                    + " (each community needs at least " + MIN_CHANNELS_PER_COMMUNITY + " channels)");
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

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " is " + value + " but must be between " + min + " and " + max);
        }
    }

    /** Starts a builder with the defaults (mixing 0.1, no bots, seed 1, start 2026-01-05T00:00Z, hourly). */
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

        private Builder() {
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
            return new SyntheticLakeSpec(channels, communities, viewers, snapshotsPerChannel, mixing, bots, seed,
                    start, snapshotInterval);
        }
    }
}
