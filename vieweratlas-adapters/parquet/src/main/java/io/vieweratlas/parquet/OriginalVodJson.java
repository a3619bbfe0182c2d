package io.vieweratlas.parquet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The original project's VOD snapshots as JSON: one record per file ({@code snapshot_NNNN.json},
 * written with {@code json.dump(record, indent=2)}), the same record as a row of its Parquet file;
 * a file holding an array of such records is read too, as the original's loader accepted both.
 */
final class OriginalVodJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OriginalVodJson() {
    }

    /**
     * The buckets of one JSON file.
     *
     * @throws IllegalArgumentException naming {@code location} when it is not such a file
     */
    static List<VodBucket> decode(byte[] content, String location, Function<String, Optional<Instant>> vodStarts) {
        JsonNode root;
        try {
            root = MAPPER.readTree(content);
        } catch (IOException e) {
            throw new IllegalArgumentException(location + ": not JSON (" + e.getMessage() + ")", e);
        }
        List<JsonNode> records = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(records::add);
        } else if (root != null && root.isObject()) {
            records.add(root);
        } else {
            throw new IllegalArgumentException(location + ": expected a VOD snapshot object or an array of them");
        }
        List<VodBucket> out = new ArrayList<>();
        for (JsonNode n : records) {
            int row = out.size();
            if (!n.isObject()) {
                throw new IllegalArgumentException(location + ": record " + row + " is not an object");
            }
            java.util.Set<String> names = new java.util.TreeSet<>();
            n.fieldNames().forEachRemaining(names::add);
            if (!OriginalVodRow.recognises(names)) {
                throw new IllegalArgumentException(location + ": record " + row + " is not the original's VOD "
                        + "snapshot (needs channel, chatters, content_id and offset_s or bucket_start_ts; has "
                        + names + ")");
            }
            try {
                OriginalVodRow r = OriginalVodRow.of(n);
                out.add(r.place(vodStarts.apply(r.vodId())));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(location + ": record " + row + " is not a VOD presence bucket: "
                        + e.getMessage(), e);
            }
        }
        return out;
    }
}
