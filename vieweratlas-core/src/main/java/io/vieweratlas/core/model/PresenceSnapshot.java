package io.vieweratlas.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who was present in one channel's chat during one observation.
 *
 * <p>Chatters are lower-case logins held in sorted order so that equal snapshots serialize to
 * identical bytes. {@code evidence} tells, per chatter, what put it there; it is empty for data
 * that does not record it (the original project's files, where presence means "listed by the
 * chatters endpoint").
 *
 * @param channel   channel login, lower case, non-blank
 * @param timestamp when the observation ended (window end for windows, the sample time otherwise)
 * @param window    how long the observation lasted; {@link Duration#ZERO} for an instantaneous sample
 * @param source    where the snapshot came from
 * @param stream    stream metadata at {@code timestamp}
 * @param chatters  distinct chatter logins, sorted
 * @param evidence  per chatter, what put it in the snapshot; keys are a subset of {@code chatters}
 * @param channelId Twitch user id of the channel, if known
 * @param contentId what was observed, e.g. {@code vod:123}, if not simply the live stream
 */
public record PresenceSnapshot(String channel, Instant timestamp, Duration window, PresenceSourceKind source,
                               StreamMetadata stream, SortedSet<String> chatters,
                               SortedMap<String, Set<Evidence>> evidence,
                               Optional<String> channelId, Optional<String> contentId) {

    public PresenceSnapshot {
        Objects.requireNonNull(channel, "channel");
        if (channel.isBlank()) {
            throw new IllegalArgumentException("channel must not be blank");
        }
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(window, "window");
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must not be negative, was " + window);
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(chatters, "chatters");
        TreeSet<String> chatterCopy;
        if (chatters instanceof SortedSet<String> sorted && sorted.comparator() == null) {
            // Already in natural order: TreeSet copies a sorted set in linear time, without comparisons.
            chatterCopy = new TreeSet<>(sorted);
            chatterCopy.forEach(PresenceSnapshot::requireLogin);
        } else {
            chatterCopy = new TreeSet<>();
            for (String chatter : chatters) {
                chatterCopy.add(requireLogin(chatter));
            }
        }
        TreeMap<String, Set<Evidence>> evidenceCopy = new TreeMap<>();
        Objects.requireNonNull(evidence, "evidence").forEach((login, kinds) -> {
            if (!chatterCopy.contains(login)) {
                throw new IllegalArgumentException("evidence for '" + login + "' who is not among the chatters");
            }
            if (kinds.isEmpty()) {
                throw new IllegalArgumentException("evidence for '" + login + "' is empty");
            }
            evidenceCopy.put(login, Collections.unmodifiableSet(EnumSet.copyOf(kinds)));
        });
        chatters = Collections.unmodifiableSortedSet(chatterCopy);
        evidence = Collections.unmodifiableSortedMap(evidenceCopy);
    }

    private static String requireLogin(String login) {
        if (login == null || login.isBlank()) {
            throw new IllegalArgumentException("chatter login must not be null or blank");
        }
        return login;
    }

    /**
     * The chatters that meet a presence policy. Chatters without recorded evidence count as
     * present under both policies, since their source (e.g. the chatters endpoint) did not
     * distinguish.
     */
    public SortedSet<String> chatters(PresencePolicy policy) {
        if (policy == PresencePolicy.INCLUSIVE || evidence.isEmpty()) {
            return chatters;
        }
        TreeSet<String> strict = new TreeSet<>();
        for (String login : chatters) {
            Set<Evidence> kinds = evidence.get(login);
            if (kinds == null || kinds.contains(Evidence.MESSAGE)) {
                strict.add(login);
            }
        }
        return Collections.unmodifiableSortedSet(strict);
    }

    /** Starts a builder for a snapshot of {@code channel} taken at {@code timestamp}. */
    public static Builder builder(String channel, Instant timestamp) {
        return new Builder(channel, timestamp);
    }

    /** A builder that starts from this snapshot. */
    public Builder toBuilder() {
        Builder b = new Builder(channel, timestamp)
                .window(window).source(source).stream(stream).chatters(chatters);
        evidence.forEach(b::evidence);
        channelId.ifPresent(b::channelId);
        contentId.ifPresent(b::contentId);
        return b;
    }

    /** Builds {@link PresenceSnapshot}s; defaults: zero window, {@link PresenceSourceKind#LIVE}, unknown metadata. */
    public static final class Builder {
        private final String channel;
        private final Instant timestamp;
        private Duration window = Duration.ZERO;
        private PresenceSourceKind source = PresenceSourceKind.LIVE;
        private StreamMetadata stream = StreamMetadata.UNKNOWN;
        private final TreeSet<String> chatters = new TreeSet<>();
        private final TreeMap<String, Set<Evidence>> evidence = new TreeMap<>();
        private String channelId;
        private String contentId;

        private Builder(String channel, Instant timestamp) {
            this.channel = channel;
            this.timestamp = timestamp;
        }

        /** Sets the observation length. */
        public Builder window(Duration window) {
            this.window = Objects.requireNonNull(window, "window");
            return this;
        }

        /** Sets where the snapshot came from. */
        public Builder source(PresenceSourceKind source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Sets the stream metadata. */
        public Builder stream(StreamMetadata stream) {
            this.stream = Objects.requireNonNull(stream, "stream");
            return this;
        }

        /** Adds chatters. */
        public Builder chatters(Iterable<String> logins) {
            if (logins instanceof Collection<String> collection) {
                chatters.addAll(collection); // linear when empty and given a naturally sorted set
            } else {
                logins.forEach(chatters::add);
            }
            return this;
        }

        /** Adds one chatter. */
        public Builder chatter(String login) {
            chatters.add(login);
            return this;
        }

        /** Adds a chatter together with what put it there. */
        public Builder evidence(String login, Set<Evidence> kinds) {
            chatters.add(login);
            evidence.computeIfAbsent(login, k -> EnumSet.noneOf(Evidence.class)).addAll(kinds);
            return this;
        }

        /** Adds a chatter together with one kind of evidence. */
        public Builder evidence(String login, Evidence kind) {
            return evidence(login, EnumSet.of(kind));
        }

        /** Sets the channel's Twitch user id. */
        public Builder channelId(String channelId) {
            this.channelId = Objects.requireNonNull(channelId, "channelId");
            return this;
        }

        /** Sets the content id (e.g. {@code vod:123}). */
        public Builder contentId(String contentId) {
            this.contentId = Objects.requireNonNull(contentId, "contentId");
            return this;
        }

        /** Builds the snapshot, checking every field. */
        public PresenceSnapshot build() {
            return new PresenceSnapshot(channel, timestamp, window, source, stream, chatters,
                    new TreeMap<>(evidence), Optional.ofNullable(channelId), Optional.ofNullable(contentId));
        }
    }
}
