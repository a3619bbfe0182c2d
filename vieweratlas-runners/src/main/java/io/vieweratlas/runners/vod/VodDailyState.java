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

import java.io.IOException;
import java.time.LocalDate;
import java.util.Iterator;
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
 */
public final class VodDailyState {
    private static final int ATTEMPTS = 50;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final ObjectStore store;

    /** @param store the lake's object store */
    public VodDailyState(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Per channel, how many VODs were taken on {@code day}. */
    public SortedMap<String, Integer> vodCounts(LocalDate day) {
        SortedMap<String, Integer> out = new TreeMap<>();
        JsonNode vod = read().path("days").path(day.toString()).path("vod");
        for (Iterator<Map.Entry<String, JsonNode>> it = vod.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().isArray() ? e.getValue().size() : 0);
        }
        return out;
    }

    /** The channels recorded live on any day from {@code from} to {@code to}, inclusive. */
    public SortedSet<String> liveChannels(LocalDate from, LocalDate to) {
        SortedSet<String> out = new TreeSet<>();
        JsonNode days = read().path("days");
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.path(d.toString()).path("live").forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** Records that {@code vodId} of {@code channel} was taken on {@code day}. */
    public void recordVod(LocalDate day, String channel, String vodId) {
        String key = LakeLayout.DAILY_COLLECTION_STATE;
        ConditionalUpdate.apply(store, key, ATTEMPTS, current -> {
            ObjectNode root = current.map(o -> parse(o.content())).orElseGet(JsonNodeFactory.instance::objectNode);
            root.put("schema_version", 1);
            ObjectNode days = object(root, "days");
            ObjectNode dayNode = object(days, day.toString());
            ObjectNode vod = object(dayNode, "vod");
            TreeSet<String> ids = new TreeSet<>();
            vod.path(channel).forEach(n -> ids.add(n.asText()));
            if (!ids.add(vodId)) {
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

    private JsonNode read() {
        return store.get(LakeLayout.DAILY_COLLECTION_STATE).map(o -> (JsonNode) parse(o.content()))
                .orElseGet(JsonNodeFactory.instance::objectNode);
    }

    private static ObjectNode parse(byte[] content) {
        try {
            JsonNode node = JSON.readTree(content);
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            throw new IllegalStateException(LakeLayout.DAILY_COLLECTION_STATE + " is not valid JSON: "
                    + e.getMessage(), e);
        }
        throw new IllegalStateException(LakeLayout.DAILY_COLLECTION_STATE + " is not a JSON object");
    }
}
