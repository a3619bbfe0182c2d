package io.vieweratlas.twitch.collector;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the live collector runs.
 *
 * @param window            length of one presence window ({@code collection.window_seconds}, default 1 h)
 * @param alignToHour       end windows on multiples of the window length since the epoch, so hourly
 *                          windows end on the hour ({@code collection.wait_for_hour_alignment}); the time
 *                          before the first boundary is a lead-in window, written but not counted as a cycle
 * @param discoveryInterval how often live channels are discovered again
 *                          ({@code collection.collection_interval_minutes})
 * @param topChannelsLimit  top live streams to watch ({@code collection.top_channels_limit}); 0 watches
 *                          only the pinned channels
 * @param maxRuntime        stop after this long ({@code collection.max_runtime_hours}), if set
 * @param maxCycles         stop after this many windows ({@code collection.max_collection_cycles}), if set
 */
public record CollectorSettings(Duration window, boolean alignToHour, Duration discoveryInterval,
                                int topChannelsLimit, Optional<Duration> maxRuntime, OptionalInt maxCycles) {

    public CollectorSettings {
        Objects.requireNonNull(window, "window");
        if (window.compareTo(Duration.ofMillis(10)) < 0) {
            throw new IllegalArgumentException("collection.window_seconds must be positive, was " + window);
        }
        Objects.requireNonNull(discoveryInterval, "discoveryInterval");
        if (!discoveryInterval.isPositive()) {
            throw new IllegalArgumentException("collection.collection_interval_minutes must be positive, was "
                    + discoveryInterval);
        }
        if (topChannelsLimit < 0) {
            throw new IllegalArgumentException("collection.top_channels_limit must be >= 0, was " + topChannelsLimit);
        }
        Objects.requireNonNull(maxRuntime, "maxRuntime");
        maxRuntime.ifPresent(d -> {
            if (!d.isPositive()) {
                throw new IllegalArgumentException("collection.max_runtime_hours must be positive when set, was " + d);
            }
        });
        Objects.requireNonNull(maxCycles, "maxCycles");
        if (maxCycles.isPresent() && maxCycles.getAsInt() < 1) {
            throw new IllegalArgumentException("collection.max_collection_cycles must be >= 1 when set, was "
                    + maxCycles.getAsInt());
        }
    }

    /** A builder with the defaults: hourly windows, not aligned, discovery every 5 minutes, top 100, no guards. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link CollectorSettings}. */
    public static final class Builder {
        private Duration window = Duration.ofHours(1);
        private boolean alignToHour;
        private Duration discoveryInterval = Duration.ofMinutes(5);
        private int topChannelsLimit = 100;
        private Optional<Duration> maxRuntime = Optional.empty();
        private OptionalInt maxCycles = OptionalInt.empty();

        private Builder() {
        }

        /** Sets the window length. */
        public Builder window(Duration window) {
            this.window = window;
            return this;
        }

        /** Sets whether windows end on multiples of their length (on the hour for hourly windows). */
        public Builder alignToHour(boolean align) {
            this.alignToHour = align;
            return this;
        }

        /** Sets how often live channels are discovered. */
        public Builder discoveryInterval(Duration interval) {
            this.discoveryInterval = interval;
            return this;
        }

        /** Sets how many top streams to watch. */
        public Builder topChannelsLimit(int limit) {
            this.topChannelsLimit = limit;
            return this;
        }

        /** Stops after {@code runtime}. */
        public Builder maxRuntime(Duration runtime) {
            this.maxRuntime = Optional.of(runtime);
            return this;
        }

        /** Stops after {@code cycles} windows. */
        public Builder maxCycles(int cycles) {
            this.maxCycles = OptionalInt.of(cycles);
            return this;
        }

        /** Builds and checks the settings. */
        public CollectorSettings build() {
            return new CollectorSettings(window, alignToHour, discoveryInterval, topChannelsLimit, maxRuntime,
                    maxCycles);
        }
    }
}
