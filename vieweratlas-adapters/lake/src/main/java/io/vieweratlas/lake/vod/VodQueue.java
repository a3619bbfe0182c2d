package io.vieweratlas.lake.vod;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vieweratlas.core.port.ConditionalUpdate;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.StoredObject;
import io.vieweratlas.lake.LakeLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The VOD work queue in {@code state/vod_queue.json}.
 *
 * <p>Every change reads the file, changes it in memory and writes it back by compare-and-set
 * (put-if-absent for the first write); a lost race is retried on the fresh state. So two workers
 * (threads or processes, each with its own queue object on the same store) never both claim a VOD
 * and never overwrite each other's updates.
 *
 * <p>Rules: a claim takes the first VOD (in id order) that is pending and due, or processing with an
 * expired lease (taken over), and gives a lease of {@link #LEASE} to this worker; each claim is an
 * attempt. A failed attempt ({@link #fail}) makes the VOD pending again after
 * {@code min(3600, 30·2^attempts)} seconds, or failed for good after {@link #MAX_ATTEMPTS}
 * attempts. A {@link #release} gives the VOD back uncharged (the attempt is not counted), for
 * failures that were not the VOD's own (an endpoint outage, a shutdown); {@link #markUnavailable}
 * records that Twitch no longer serves the VOD. Completing, failing or releasing checks that this
 * worker still holds the lease (it may have expired and been taken over).
 *
 * <p>An entry that cannot be read (a hand edit gone wrong, a field of the wrong type) never stops
 * the queue: the next change moves it, with the reason, to the file's {@code quarantine} list in
 * the same compare-and-set write, and everything else proceeds. A file that is not JSON at all is
 * quarantined whole and the queue starts again empty (discovery queues the recent VODs again).
 */
public final class VodQueue {
    /** How long a claim holds a VOD before another worker may take it over. */
    public static final Duration LEASE = Duration.ofMinutes(15);
    /** Attempts before a VOD is failed for good. */
    public static final int MAX_ATTEMPTS = 5;
    /** The quarantine key of a file unreadable as a whole. */
    public static final String WHOLE_FILE = "(file)";
    private static final int MAX_CAS_ROUNDS = 10_000;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VodQueue.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectStore store;
    private final Clock clock;
    private final String owner;

    /**
     * @param store the lake's object store
     * @param clock time source for leases and backoff
     * @param owner this worker's name, recorded in leases (e.g. host and process id)
     */
    public VodQueue(ObjectStore store, Clock clock, String owner) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.owner = Objects.requireNonNull(owner, "owner");
        if (owner.isBlank()) {
            throw new IllegalArgumentException("queue owner must not be blank");
        }
    }

    /** The backoff after {@code attempts} failed attempts: {@code min(3600, 30·2^attempts)} seconds. */
    public static Duration backoff(int attempts) {
        long seconds = attempts >= 7 ? 3600 : Math.min(3600, 30L << attempts);
        return Duration.ofSeconds(seconds);
    }

    /** Adds the VODs not yet in the queue as pending; returns how many were added. */
    public int enqueue(Collection<VodTask> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        return update(entries -> {
            Instant now = clock.instant();
            int added = 0;
            for (VodTask t : tasks) {
                if (!entries.containsKey(t.vodId())) {
                    entries.put(t.vodId(), VodEntry.pending(t, now));
                    added++;
                }
            }
            return new Change<>(added, added > 0);
        });
    }

    /**
     * Claims the next due VOD for this worker, or empty when none is due. A processing VOD whose
     * lease expired is taken over (or failed for good if it has used all attempts).
     */
    public Optional<VodLease> claim() {
        return claim(java.util.Set.of());
    }

    /**
     * Like {@link #claim()}, passing over the VOD ids in {@code skip} (those this run already
     * gave back, so that it does not take them again at once).
     */
    public Optional<VodLease> claim(java.util.Set<String> skip) {
        Objects.requireNonNull(skip, "skip");
        return update(entries -> {
            Instant now = clock.instant();
            boolean changed = false;
            for (Map.Entry<String, VodEntry> e : entries.entrySet()) {
                VodEntry v = e.getValue();
                if (skip.contains(e.getKey())) {
                    continue;
                }
                boolean due = v.status() == VodStatus.PENDING && v.notBefore().map(t -> !t.isAfter(now)).orElse(true);
                boolean expired = v.status() == VodStatus.PROCESSING && !v.leaseExpires().orElseThrow().isAfter(now);
                if (!due && !expired) {
                    continue;
                }
                if (v.attempts() >= MAX_ATTEMPTS) {
                    e.setValue(new VodEntry(v.task(), VodStatus.FAILED, v.attempts(), Optional.empty(), Optional.empty(),
                            Optional.empty(), Optional.of(v.lastError().orElse("lease expired on the last attempt")), now,
                            Optional.of(v.errorClass().orElse("lease_expired"))));
                    changed = true;
                    continue;
                }
                int attempt = v.attempts() + 1;
                Instant expires = now.plus(LEASE);
                e.setValue(new VodEntry(v.task(), VodStatus.PROCESSING, attempt, Optional.of(owner),
                        Optional.of(expires), Optional.empty(), v.lastError(), now, v.errorClass()));
                return new Change<>(Optional.of(new VodLease(v.task(), owner, attempt, expires)), true);
            }
            return new Change<>(Optional.<VodLease>empty(), changed);
        });
    }

    /** Extends a held lease by {@link #LEASE} from now; empty when the lease was lost. */
    public Optional<VodLease> renew(VodLease lease) {
        return update(entries -> {
            VodEntry v = entries.get(lease.task().vodId());
            if (!holds(v, lease)) {
                return new Change<>(Optional.<VodLease>empty(), false);
            }
            Instant now = clock.instant();
            Instant expires = now.plus(LEASE);
            entries.put(v.task().vodId(), new VodEntry(v.task(), VodStatus.PROCESSING, v.attempts(), v.owner(),
                    Optional.of(expires), Optional.empty(), v.lastError(), now, v.errorClass()));
            return new Change<>(Optional.of(new VodLease(v.task(), owner, v.attempts(), expires)), true);
        });
    }

    /** Marks the VOD completed; false (and nothing changed) when this worker no longer holds the lease. */
    public boolean complete(VodLease lease) {
        return update(entries -> {
            VodEntry v = entries.get(lease.task().vodId());
            if (!holds(v, lease)) {
                return new Change<>(false, false);
            }
            entries.put(v.task().vodId(), new VodEntry(v.task(), VodStatus.COMPLETED, v.attempts(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), clock.instant()));
            return new Change<>(true, true);
        });
    }

    /**
     * Records a failed attempt: pending again after the backoff, or failed for good after
     * {@link #MAX_ATTEMPTS}. False (and nothing changed) when this worker no longer holds the lease.
     */
    public boolean fail(VodLease lease, String reason) {
        return fail(lease, reason, "error");
    }

    /**
     * Records a failed attempt charged to the VOD, with the failure's class: pending again after
     * the backoff, or failed for good after {@link #MAX_ATTEMPTS}. False (and nothing changed)
     * when this worker no longer holds the lease.
     */
    public boolean fail(VodLease lease, String reason, String errorClass) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(errorClass, "errorClass");
        return update(entries -> {
            VodEntry v = entries.get(lease.task().vodId());
            if (!holds(v, lease)) {
                return new Change<>(false, false);
            }
            Instant now = clock.instant();
            boolean last = v.attempts() >= MAX_ATTEMPTS;
            entries.put(v.task().vodId(), new VodEntry(v.task(), last ? VodStatus.FAILED : VodStatus.PENDING,
                    v.attempts(), Optional.empty(), Optional.empty(),
                    last ? Optional.empty() : Optional.of(now.plus(backoff(v.attempts()))), Optional.of(reason), now,
                    Optional.of(errorClass)));
            return new Change<>(true, true);
        });
    }

    /**
     * Gives the VOD back without charging the attempt: pending, due at once, attempts as before
     * the claim. For failures that are not the VOD's own (the endpoint failing for every VOD, a
     * shutdown). Returns the time of the release (see {@link #chargeReleased}), empty (and nothing
     * changed) when this worker no longer holds the lease.
     */
    public Optional<Instant> release(VodLease lease, String reason, String errorClass) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(errorClass, "errorClass");
        return update(entries -> {
            VodEntry v = entries.get(lease.task().vodId());
            if (!holds(v, lease)) {
                return new Change<>(Optional.<Instant>empty(), false);
            }
            Instant now = clock.instant();
            entries.put(v.task().vodId(), new VodEntry(v.task(), VodStatus.PENDING, Math.max(0, v.attempts() - 1),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(reason), now,
                    Optional.of(errorClass)));
            return new Change<>(Optional.of(now), true);
        });
    }

    /**
     * Charges the attempt a {@link #release} gave back, once it is clear the failure was the VOD's
     * own (another VOD succeeded after it): as {@link #fail} would have. Nothing changes (false)
     * when the entry changed since the release at {@code releasedAt} (claimed, requeued, removed).
     */
    public boolean chargeReleased(String vodId, Instant releasedAt) {
        Objects.requireNonNull(vodId, "vodId");
        Objects.requireNonNull(releasedAt, "releasedAt");
        return update(entries -> {
            VodEntry v = entries.get(vodId);
            if (v == null || v.status() != VodStatus.PENDING || !v.updatedAt().equals(releasedAt)
                    || v.notBefore().isPresent()) { // a charge sets a retry time: never charge twice
                return new Change<>(false, false);
            }
            Instant now = clock.instant();
            int attempts = v.attempts() + 1;
            boolean last = attempts >= MAX_ATTEMPTS;
            entries.put(vodId, new VodEntry(v.task(), last ? VodStatus.FAILED : VodStatus.PENDING, attempts,
                    Optional.empty(), Optional.empty(),
                    last ? Optional.empty() : Optional.of(now.plus(backoff(attempts))), v.lastError(), now,
                    v.errorClass()));
            return new Change<>(true, true);
        });
    }

    /**
     * Records that Twitch does not serve the VOD (deleted, unpublished, sub-only): final, never
     * claimed again. False (and nothing changed) when this worker no longer holds the lease.
     */
    public boolean markUnavailable(VodLease lease, String reason, String errorClass) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(errorClass, "errorClass");
        return update(entries -> {
            VodEntry v = entries.get(lease.task().vodId());
            if (!holds(v, lease)) {
                return new Change<>(false, false);
            }
            entries.put(v.task().vodId(), new VodEntry(v.task(), VodStatus.UNAVAILABLE, v.attempts(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(reason), clock.instant(),
                    Optional.of(errorClass)));
            return new Change<>(true, true);
        });
    }

    /**
     * Makes failed VODs pending again with their attempts reset, those failed at or after
     * {@code since} when given (by the time of their last change).
     *
     * @return the VOD ids requeued, in id order
     */
    public java.util.List<String> requeueFailed(Optional<Instant> since) {
        Objects.requireNonNull(since, "since");
        return update(entries -> {
            Instant now = clock.instant();
            java.util.List<String> ids = new java.util.ArrayList<>();
            for (Map.Entry<String, VodEntry> e : entries.entrySet()) {
                VodEntry v = e.getValue();
                if (v.status() == VodStatus.FAILED && since.map(t -> !v.updatedAt().isBefore(t)).orElse(true)) {
                    e.setValue(new VodEntry(v.task(), VodStatus.PENDING, 0, Optional.empty(), Optional.empty(),
                            Optional.empty(), v.lastError(), now, v.errorClass()));
                    ids.add(e.getKey());
                }
            }
            return new Change<>(java.util.List.copyOf(ids), !ids.isEmpty());
        });
    }

    /**
     * Removes completed, failed and unavailable VODs whose broadcast started before {@code createdBefore},
     * so that the queue file (read and rewritten by every change) does not grow forever. Safe for
     * VODs older than the discovery's age limit: discovery never lists them again, so they cannot
     * be queued twice. Pending and processing VODs are kept whatever their age.
     *
     * @return how many entries were removed
     */
    public int pruneFinished(Instant createdBefore) {
        Objects.requireNonNull(createdBefore, "createdBefore");
        return update(entries -> {
            int removed = 0;
            for (Iterator<VodEntry> it = entries.values().iterator(); it.hasNext(); ) {
                VodEntry v = it.next();
                boolean finished = v.status() == VodStatus.COMPLETED || v.status() == VodStatus.FAILED
                        || v.status() == VodStatus.UNAVAILABLE;
                if (finished && v.task().createdAt().isBefore(createdBefore)) {
                    it.remove();
                    removed++;
                }
            }
            return new Change<>(removed, removed > 0);
        });
    }

    /** The readable entries as stored now, by VOD id. */
    public SortedMap<String, VodEntry> entries() {
        return state().entries();
    }

    /** The queue as stored now: readable entries and quarantined ones (reading changes nothing). */
    public VodQueueState state() {
        Decoded d = read().map(o -> decode(o.content(), clock.instant())).orElseGet(Decoded::empty);
        java.util.List<QuarantinedEntry> all = new java.util.ArrayList<>(d.quarantine());
        all.addAll(d.fresh());
        return new VodQueueState(d.entries(), all);
    }

    /**
     * Moves unreadable entries to the quarantine list now (every change does it anyway).
     *
     * @return the entries quarantined by this call
     */
    public java.util.List<QuarantinedEntry> quarantineUnreadable() {
        java.util.List<QuarantinedEntry> moved = new java.util.ArrayList<>();
        ConditionalUpdate.apply(store, LakeLayout.VOD_QUEUE, MAX_CAS_ROUNDS, current -> {
            moved.clear();
            if (current.isEmpty()) {
                return ConditionalUpdate.Change.keep(Boolean.TRUE);
            }
            Decoded d = decode(current.get().content(), clock.instant());
            if (d.fresh().isEmpty()) {
                return ConditionalUpdate.Change.keep(Boolean.TRUE);
            }
            moved.addAll(d.fresh());
            return ConditionalUpdate.Change.write(encode(d.entries(), d.allQuarantined()), Boolean.TRUE);
        }).orElseThrow(() -> new IllegalStateException("gave up updating " + LakeLayout.VOD_QUEUE + " in "
                + store.describe() + " after " + MAX_CAS_ROUNDS + " lost compare-and-set races"));
        return java.util.List.copyOf(moved);
    }

    private boolean holds(VodEntry v, VodLease lease) {
        return v != null && v.status() == VodStatus.PROCESSING && v.owner().orElseThrow().equals(lease.owner())
                && owner.equals(lease.owner()) && v.attempts() == lease.attempt();
    }

    private record Change<T>(T result, boolean changed) {
    }

    /**
     * A decoded file: readable entries, the quarantine already in the file, and entries found
     * unreadable by this read ({@code fresh}), which the next write moves to the quarantine.
     */
    record Decoded(TreeMap<String, VodEntry> entries, java.util.List<QuarantinedEntry> quarantine,
                   java.util.List<QuarantinedEntry> fresh) {
        static Decoded empty() {
            return new Decoded(new TreeMap<>(), java.util.List.of(), java.util.List.of());
        }

        java.util.List<QuarantinedEntry> allQuarantined() {
            java.util.List<QuarantinedEntry> all = new java.util.ArrayList<>(quarantine);
            all.addAll(fresh);
            return all;
        }
    }

    private <T> T update(Function<TreeMap<String, VodEntry>, Change<T>> change) {
        return ConditionalUpdate.apply(store, LakeLayout.VOD_QUEUE, MAX_CAS_ROUNDS, current -> {
            Decoded d = current.map(o -> decode(o.content(), clock.instant())).orElseGet(Decoded::empty);
            for (QuarantinedEntry q : d.fresh()) {
                LOG.warn("{}: entry '{}' set aside in the quarantine list: {}", LakeLayout.VOD_QUEUE, q.key(),
                        q.reason());
            }
            TreeMap<String, VodEntry> entries = d.entries();
            Change<T> c = change.apply(entries);
            return c.changed() || !d.fresh().isEmpty()
                    ? ConditionalUpdate.Change.write(encode(entries, d.allQuarantined()), c.result())
                    : ConditionalUpdate.Change.keep(c.result());
        }).orElseThrow(() -> new IllegalStateException("gave up updating " + LakeLayout.VOD_QUEUE + " in "
                + store.describe() + " after " + MAX_CAS_ROUNDS + " lost compare-and-set races"));
    }

    private Optional<StoredObject> read() {
        return store.get(LakeLayout.VOD_QUEUE);
    }

    static byte[] encode(SortedMap<String, VodEntry> entries) {
        return encode(entries, java.util.List.of());
    }

    static byte[] encode(SortedMap<String, VodEntry> entries, java.util.List<QuarantinedEntry> quarantine) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema_version", 1);
        ObjectNode vods = root.putObject("vods");
        for (VodEntry v : entries.values()) {
            ObjectNode n = vods.putObject(v.task().vodId());
            n.put("channel", v.task().channel());
            n.put("channel_id", v.task().channelId());
            n.put("created_at", v.task().createdAt().toString());
            n.put("status", v.status().wireName());
            n.put("attempts", v.attempts());
            v.owner().ifPresent(o -> n.put("owner", o));
            v.leaseExpires().ifPresent(t -> n.put("lease_expires_at", t.toString()));
            v.notBefore().ifPresent(t -> n.put("next_attempt_at", t.toString()));
            v.lastError().ifPresent(t -> n.put("last_error", t));
            v.errorClass().ifPresent(t -> n.put("error_class", t));
            n.put("updated_at", v.updatedAt().toString());
        }
        if (!quarantine.isEmpty()) {
            var arr = root.putArray("quarantine");
            for (QuarantinedEntry q : quarantine) {
                ObjectNode n = arr.addObject();
                n.put("key", q.key());
                n.put("reason", q.reason());
                n.put("quarantined_at", q.quarantinedAt().toString());
                n.put("raw", q.raw());
            }
        }
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The readable entries of a file; throws when the file as a whole is unreadable (tests). */
    static TreeMap<String, VodEntry> decode(byte[] content) {
        Decoded d = decode(content, Instant.EPOCH);
        if (!d.fresh().isEmpty()) {
            QuarantinedEntry q = d.fresh().get(0);
            throw new IllegalStateException(LakeLayout.VOD_QUEUE + ": entry '" + q.key() + "' is malformed: "
                    + q.reason());
        }
        return d.entries();
    }

    static Decoded decode(byte[] content, Instant now) {
        TreeMap<String, VodEntry> out = new TreeMap<>();
        java.util.List<QuarantinedEntry> fresh = new java.util.ArrayList<>();
        java.util.List<QuarantinedEntry> kept = new java.util.ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (IOException e) {
            root = null;
        }
        JsonNode vods = root == null ? null : root.get("vods");
        if (vods == null || !vods.isObject()) {
            String why = root == null ? "the file is not valid JSON" : "the file has no 'vods' object";
            fresh.add(new QuarantinedEntry(WHOLE_FILE, why, new String(content, StandardCharsets.UTF_8), now));
            return new Decoded(out, kept, fresh);
        }
        JsonNode q = root.get("quarantine");
        if (q != null && q.isArray()) {
            for (JsonNode n : q) {
                try {
                    kept.add(new QuarantinedEntry(text(n, "key"), text(n, "reason"), text(n, "raw"),
                            Instant.parse(text(n, "quarantined_at"))));
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    kept.add(new QuarantinedEntry("(quarantine)", "unreadable quarantine record: " + e.getMessage(),
                            n.toString(), now));
                }
            }
        }
        Iterator<Map.Entry<String, JsonNode>> it = vods.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode n = f.getValue();
            try {
                if (!n.isObject()) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                VodTask task = new VodTask(f.getKey(), text(n, "channel"), text(n, "channel_id"),
                        Instant.parse(text(n, "created_at")));
                JsonNode attempts = n.get("attempts");
                if (attempts != null && !attempts.isIntegralNumber()) {
                    throw new IllegalArgumentException("'attempts' is not an integer: " + attempts);
                }
                out.put(f.getKey(), new VodEntry(task, VodStatus.fromWireName(text(n, "status")),
                        n.path("attempts").asInt(0), opt(n, "owner"), opt(n, "lease_expires_at").map(Instant::parse),
                        opt(n, "next_attempt_at").map(Instant::parse), opt(n, "last_error"),
                        Instant.parse(text(n, "updated_at")), opt(n, "error_class")));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                fresh.add(new QuarantinedEntry(f.getKey(), String.valueOf(e.getMessage()), n.toString(), now));
            }
        }
        return new Decoded(out, kept, fresh);
    }
    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("missing text field '" + field + "'");
        }
        return v.asText();
    }

    private static Optional<String> opt(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }
}
