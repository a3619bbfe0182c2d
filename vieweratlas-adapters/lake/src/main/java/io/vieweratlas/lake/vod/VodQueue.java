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
 * attempt. A failed attempt makes the VOD pending again after {@code min(3600, 30·2^attempts)}
 * seconds, or failed for good after {@link #MAX_ATTEMPTS} attempts. Completing or failing checks
 * that this worker still holds the lease (it may have expired and been taken over).
 */
public final class VodQueue {
    /** How long a claim holds a VOD before another worker may take it over. */
    public static final Duration LEASE = Duration.ofMinutes(15);
    /** Attempts before a VOD is failed for good. */
    public static final int MAX_ATTEMPTS = 5;
    private static final int MAX_CAS_ROUNDS = 10_000;
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
                    entries.put(t.vodId(), new VodEntry(t, VodStatus.PENDING, 0, Optional.empty(), Optional.empty(),
                            Optional.empty(), Optional.empty(), now));
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
        return update(entries -> {
            Instant now = clock.instant();
            boolean changed = false;
            for (Map.Entry<String, VodEntry> e : entries.entrySet()) {
                VodEntry v = e.getValue();
                boolean due = v.status() == VodStatus.PENDING && v.notBefore().map(t -> !t.isAfter(now)).orElse(true);
                boolean expired = v.status() == VodStatus.PROCESSING && !v.leaseExpires().orElseThrow().isAfter(now);
                if (!due && !expired) {
                    continue;
                }
                if (v.attempts() >= MAX_ATTEMPTS) {
                    e.setValue(new VodEntry(v.task(), VodStatus.FAILED, v.attempts(), Optional.empty(), Optional.empty(),
                            Optional.empty(), Optional.of(v.lastError().orElse("lease expired on the last attempt")), now));
                    changed = true;
                    continue;
                }
                int attempt = v.attempts() + 1;
                Instant expires = now.plus(LEASE);
                e.setValue(new VodEntry(v.task(), VodStatus.PROCESSING, attempt, Optional.of(owner),
                        Optional.of(expires), Optional.empty(), v.lastError(), now));
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
                    Optional.of(expires), Optional.empty(), v.lastError(), now));
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
        Objects.requireNonNull(reason, "reason");
        return update(entries -> {
            VodEntry v = entries.get(lease.task().vodId());
            if (!holds(v, lease)) {
                return new Change<>(false, false);
            }
            Instant now = clock.instant();
            boolean last = v.attempts() >= MAX_ATTEMPTS;
            entries.put(v.task().vodId(), new VodEntry(v.task(), last ? VodStatus.FAILED : VodStatus.PENDING,
                    v.attempts(), Optional.empty(), Optional.empty(),
                    last ? Optional.empty() : Optional.of(now.plus(backoff(v.attempts()))), Optional.of(reason), now));
            return new Change<>(true, true);
        });
    }

    /**
     * Removes completed and failed VODs whose broadcast started before {@code createdBefore},
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
                boolean finished = v.status() == VodStatus.COMPLETED || v.status() == VodStatus.FAILED;
                if (finished && v.task().createdAt().isBefore(createdBefore)) {
                    it.remove();
                    removed++;
                }
            }
            return new Change<>(removed, removed > 0);
        });
    }

    /** The queue as stored now, by VOD id. */
    public SortedMap<String, VodEntry> entries() {
        return read().map(o -> decode(o.content())).orElseGet(TreeMap::new);
    }

    private boolean holds(VodEntry v, VodLease lease) {
        return v != null && v.status() == VodStatus.PROCESSING && v.owner().orElseThrow().equals(lease.owner())
                && owner.equals(lease.owner()) && v.attempts() == lease.attempt();
    }

    private record Change<T>(T result, boolean changed) {
    }

    private <T> T update(Function<TreeMap<String, VodEntry>, Change<T>> change) {
        return ConditionalUpdate.apply(store, LakeLayout.VOD_QUEUE, MAX_CAS_ROUNDS, current -> {
            TreeMap<String, VodEntry> entries = current.map(o -> decode(o.content())).orElseGet(TreeMap::new);
            Change<T> c = change.apply(entries);
            return c.changed() ? ConditionalUpdate.Change.write(encode(entries), c.result())
                    : ConditionalUpdate.Change.keep(c.result());
        }).orElseThrow(() -> new IllegalStateException("gave up updating " + LakeLayout.VOD_QUEUE + " in "
                + store.describe() + " after " + MAX_CAS_ROUNDS + " lost compare-and-set races"));
    }

    private Optional<StoredObject> read() {
        return store.get(LakeLayout.VOD_QUEUE);
    }

    static byte[] encode(SortedMap<String, VodEntry> entries) {
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
            n.put("updated_at", v.updatedAt().toString());
        }
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TreeMap<String, VodEntry> decode(byte[] content) {
        TreeMap<String, VodEntry> out = new TreeMap<>();
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (IOException e) {
            throw new IllegalStateException(LakeLayout.VOD_QUEUE + " is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode vods = root == null ? null : root.get("vods");
        if (vods == null || !vods.isObject()) {
            throw new IllegalStateException(LakeLayout.VOD_QUEUE + " has no 'vods' object");
        }
        Iterator<Map.Entry<String, JsonNode>> it = vods.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode n = f.getValue();
            try {
                VodTask task = new VodTask(f.getKey(), text(n, "channel"), text(n, "channel_id"),
                        Instant.parse(text(n, "created_at")));
                out.put(f.getKey(), new VodEntry(task, VodStatus.fromWireName(text(n, "status")),
                        n.path("attempts").asInt(0), opt(n, "owner"), opt(n, "lease_expires_at").map(Instant::parse),
                        opt(n, "next_attempt_at").map(Instant::parse), opt(n, "last_error"),
                        Instant.parse(text(n, "updated_at"))));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new IllegalStateException(LakeLayout.VOD_QUEUE + ": entry '" + f.getKey() + "' is malformed: "
                        + e.getMessage(), e);
            }
        }
        return out;
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
