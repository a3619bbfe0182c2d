package io.vieweratlas.runners.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vieweratlas.core.port.ConditionalUpdate;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.lake.LakeLayout;
import io.vieweratlas.core.port.StoreException;
import io.vieweratlas.twitch.collector.CollectorListener;
import io.vieweratlas.twitch.collector.WindowReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps {@code state/daily_collection_state.json}: per UTC day, which channels got live
 * collection ({@code live}); other keys of a day (e.g. {@code vod}, kept by the VOD collector)
 * are preserved. Days older than 30 days are pruned. Updates go by compare-and-set, so
 * concurrent runners never lose each other's entries.
 *
 * <pre>{"schema_version":1,"days":{"2026-11-24":{"live":["alpha","beta"],"vod":[...]}}}</pre>
 */
public final class DailyCollectionState implements CollectorListener {
    private static final Logger LOG = LoggerFactory.getLogger(DailyCollectionState.class);
    /** Where the state lives in the lake. */
    public static final String KEY = LakeLayout.DAILY_COLLECTION_STATE;
    private static final int KEEP_DAYS = 30;
    private static final int ATTEMPTS = 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final ObjectStore store;

    /** @param store the lake's object store */
    public DailyCollectionState(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void windowClosed(WindowReport report) {
        if (!report.channelsWatched().isEmpty()) {
            recordLive(LocalDate.ofInstant(report.start(), ZoneOffset.UTC), report.channelsWatched());
            LocalDate endDay = LocalDate.ofInstant(report.end(), ZoneOffset.UTC);
            if (!endDay.equals(LocalDate.ofInstant(report.start(), ZoneOffset.UTC))) {
                recordLive(endDay, report.channelsWatched());
            }
        }
    }

    /**
     * Adds {@code channels} to the live list of {@code day}.
     *
     * @throws StoreException when the store fails or the state keeps changing under us
     */
    public void recordLive(LocalDate day, Collection<String> channels) {
        ConditionalUpdate.apply(store, KEY, ATTEMPTS, current -> {
            ObjectNode root = current.map(o -> parse(o.content())).orElseGet(JsonNodeFactory.instance::objectNode);
            return ConditionalUpdate.Change.write(update(root, day, channels), Boolean.TRUE);
        }).orElseThrow(() -> new StoreException(store.describe(), "update", KEY,
                new IllegalStateException("the state changed " + ATTEMPTS + " times while updating it")));
    }

    /** The live channels recorded for {@code day}, sorted. */
    public List<String> liveChannels(LocalDate day) {
        return store.get(KEY).map(o -> parse(o.content()))
                .map(root -> root.path("days").path(day.toString()).path("live"))
                .filter(JsonNode::isArray)
                .map(arr -> {
                    List<String> out = new ArrayList<>();
                    arr.forEach(n -> out.add(n.asText()));
                    return out;
                }).orElse(List.of());
    }

    private static byte[] update(ObjectNode root, LocalDate day, Collection<String> channels) {
        root.put("schema_version", 1);
        JsonNode daysNode = root.path("days");
        ObjectNode days = daysNode.isObject() ? (ObjectNode) daysNode : JsonNodeFactory.instance.objectNode();
        JsonNode dayNode = days.path(day.toString());
        ObjectNode entry = dayNode.isObject() ? (ObjectNode) dayNode : JsonNodeFactory.instance.objectNode();
        TreeSet<String> live = new TreeSet<>(channels);
        entry.path("live").forEach(n -> live.add(n.asText()));
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        live.forEach(arr::add);
        entry.set("live", arr);
        days.set(day.toString(), entry);
        // Keep days sorted and drop the ones older than the retention.
        LocalDate oldest = day.minusDays(KEEP_DAYS);
        TreeMap<String, JsonNode> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = days.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                if (LocalDate.parse(e.getKey()).isBefore(oldest)) {
                    continue;
                }
            } catch (java.time.format.DateTimeParseException ex) {
                LOG.warn("{}: ignoring a day key that is not a date: '{}'", KEY, e.getKey());
                continue;
            }
            sorted.put(e.getKey(), e.getValue());
        }
        ObjectNode prunedDays = JsonNodeFactory.instance.objectNode();
        sorted.forEach(prunedDays::set);
        root.set("days", prunedDays);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize " + KEY, e);
        }
    }

    private ObjectNode parse(byte[] content) {
        try {
            JsonNode node = JSON.readTree(content);
            if (node != null && node.isObject()) {
                return (ObjectNode) node;
            }
        } catch (IOException e) {
            LOG.warn("{} on {} is not valid JSON ({}); starting it afresh", KEY, store.describe(), e.getMessage());
            return JsonNodeFactory.instance.objectNode();
        }
        LOG.warn("{} on {} is not a JSON object; starting it afresh", KEY, store.describe());
        return JsonNodeFactory.instance.objectNode();
    }
}
