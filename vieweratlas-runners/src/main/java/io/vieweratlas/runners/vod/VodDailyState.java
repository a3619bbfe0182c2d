package io.vieweratlas.runners.vod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vieweratlas.core.port.ConditionalUpdate;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.StoreException;
import io.vieweratlas.lake.LakeLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The VOD side of {@code state/daily_collection_state.json}: per UTC day, the VODs taken per
 * channel ({@code "vod": {"<login>": ["<vod id>", ...]}}), which enforces
 * {@code vod.vod_limit_per_channel}; and the channels the live collector saw ({@code "live"}),
 * which discovery looks at. Other keys are preserved; updates go by compare-and-set.
 *
 * <p>A malformed part (a day that is not a date or not an object, a channel whose VODs are not an
 * array of ids) never stops VOD collection: reading passes over it, and the next update moves it
 * with the reason to the file's {@code quarantine} list in the same compare-and-set write. A file
 * that is not a JSON object at all is quarantined whole.
 */
public final class VodDailyState {
    private static final Logger LOG = LoggerFactory.getLogger(VodDailyState.class);
    private static final int ATTEMPTS = 50;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final ObjectStore store;
    private final java.time.Clock clock;

    /** @param store the lake's object store */
    public VodDailyState(ObjectStore store) {
        this(store, java.time.Clock.systemUTC());
    }

    /**
     * @param store the lake's object store
     * @param clock the time recorded when a malformed part is quarantined
     */
    public VodDailyState(ObjectStore store, java.time.Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Per channel, how many VODs were taken on {@code day}. */
    public SortedMap<String, Integer> vodCounts(LocalDate day) {
        SortedMap<String, Integer> out = new TreeMap<>();
        JsonNode vod = read().root().path("days").path(day.toString()).path("vod");
        for (Iterator<Map.Entry<String, JsonNode>> it = vod.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().isArray() ? e.getValue().size() : 0);
        }
        return out;
    }

    /** The channels recorded live on any day from {@code from} to {@code to}, inclusive. */
    public SortedSet<String> liveChannels(LocalDate from, LocalDate to) {
        SortedSet<String> out = new TreeSet<>();
        JsonNode days = read().root().path("days");
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.path(d.toString()).path("live").forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** Records that {@code vodId} of {@code channel} was taken on {@code day}. */
    public void recordVod(LocalDate day, String channel, String vodId) {
        String key = LakeLayout.DAILY_COLLECTION_STATE;
        ConditionalUpdate.apply(store, key, ATTEMPTS, current -> {
            Sanitized clean = current.map(o -> sanitize(o.content())).orElseGet(() -> new Sanitized(
                    JsonNodeFactory.instance.objectNode(), 0));
            ObjectNode root = clean.root();
            root.put("schema_version", 1);
            ObjectNode days = object(root, "days");
            ObjectNode dayNode = object(days, day.toString());
            ObjectNode vod = object(dayNode, "vod");
            TreeSet<String> ids = new TreeSet<>();
            vod.path(channel).forEach(n -> ids.add(n.asText()));
            if (!ids.add(vodId) && clean.quarantined() == 0) {
                return ConditionalUpdate.Change.keep(Boolean.TRUE);
            }
            ArrayNode arr = vod.putArray(channel);
            ids.forEach(arr::add);
            try {
                return ConditionalUpdate.Change.write(JSON.writeValueAsBytes(JSON.treeToValue(root, Object.class)),
                        Boolean.TRUE); // sorted keys
            } catch (IOException e) {
                throw new IllegalStateException("cannot serialize " + key, e);
            }
        }).orElseThrow(() -> new StoreException(store.describe(), "update", key,
                new IllegalStateException("the state changed " + ATTEMPTS + " times while updating it")));
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(field);
    }

    /** Entries quarantined in the file (set aside because they were malformed). */
    public int quarantined() {
        JsonNode q = read().root().path("quarantine");
        return q.isArray() ? q.size() : 0;
    }

    /** The file with malformed parts moved to its quarantine list; {@code quarantined} counts the ones moved now. */
    private record Sanitized(ObjectNode root, int quarantined) {
    }

    private Sanitized read() {
        return store.get(LakeLayout.DAILY_COLLECTION_STATE).map(o -> sanitize(o.content()))
                .orElseGet(() -> new Sanitized(JsonNodeFactory.instance.objectNode(), 0));
    }

    private Sanitized sanitize(byte[] content) {
        ObjectNode root;
        List<ObjectNode> moved = new ArrayList<>();
        try {
            JsonNode node = JSON.readTree(content);
            if (node instanceof ObjectNode o) {
                root = o;
            } else {
                root = JsonNodeFactory.instance.objectNode();
                moved.add(quarantine("(file)", "the file is not a JSON object", new String(content, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            root = JsonNodeFactory.instance.objectNode();
            moved.add(quarantine("(file)", "the file is not valid JSON: " + e.getMessage(),
                    new String(content, StandardCharsets.UTF_8)));
        }
        JsonNode days = root.get("days");
        if (days != null && !days.isObject()) {
            moved.add(quarantine("days", "'days' is not an object", days.toString()));
            root.remove("days");
        } else if (days != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = days.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> day = it.next();
                String where = "days." + day.getKey();
                String problem = dayProblem(day.getKey(), day.getValue());
                if (problem != null) {
                    moved.add(quarantine(where, problem, day.getValue().toString()));
                    it.remove();
                    continue;
                }
                JsonNode vod = day.getValue().get("vod");
                if (vod == null) {
                    continue;
                }
                if (!vod.isObject()) {
                    moved.add(quarantine(where + ".vod", "'vod' is not an object", vod.toString()));
                    ((ObjectNode) day.getValue()).remove("vod");
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> ch = vod.fields(); ch.hasNext(); ) {
                    Map.Entry<String, JsonNode> c = ch.next();
                    boolean ok = c.getValue().isArray();
                    for (JsonNode id : c.getValue()) {
                        ok &= id.isTextual() && id.asText().matches("\\d+");
                    }
                    if (!ok) {
                        moved.add(quarantine(where + ".vod." + c.getKey(), "not an array of VOD ids",
                                c.getValue().toString()));
                        ch.remove();
                    }
                }
            }
        }
        if (!moved.isEmpty()) {
            JsonNode existing = root.get("quarantine");
            ArrayNode q = existing instanceof ArrayNode a ? a : root.putArray("quarantine");
            for (ObjectNode m : moved) {
                LOG.warn("{}: {} set aside in the quarantine list: {}", LakeLayout.DAILY_COLLECTION_STATE,
                        m.get("key").asText(), m.get("reason").asText());
                q.add(m);
            }
        }
        return new Sanitized(root, moved.size());
    }

    private static String dayProblem(String key, JsonNode value) {
        try {
            LocalDate.parse(key);
        } catch (DateTimeParseException e) {
            return "'" + key + "' is not a date (YYYY-MM-DD)";
        }
        return value.isObject() ? null : "the day is not an object";
    }

    private ObjectNode quarantine(String key, String reason, String raw) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("key", key);
        n.put("reason", reason);
        n.put("raw", raw);
        n.put("quarantined_at", clock.instant().toString());
        return n;
    }
}
