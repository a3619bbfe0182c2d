package io.vieweratlas.lake.edges;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vieweratlas.core.analysis.edges.EdgeList;
import io.vieweratlas.core.analysis.edges.EdgeListException;
import io.vieweratlas.core.analysis.edges.EdgeRows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the analysis's own node-link {@code graph.json} as an edge list: every node
 * ({@code id}, {@code viewers} = its audience) is a channel, every link gives {@code source},
 * {@code target} and {@code shared}; the stored weights are ignored and recomputed. Positions in
 * messages are 1-based node or link numbers.
 */
public final class EdgeListJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EdgeListJson() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws EdgeListException naming the file and the node or link of the first defect
     */
    public static EdgeList read(Path file) throws IOException {
        String name = file.toString();
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = MAPPER.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new EdgeListException(name, "JSON", 0, "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("nodes").isArray() || !root.path("links").isArray()) {
            throw new EdgeListException(name, "JSON", 0, "expected a node-link graph with 'nodes' and 'links' arrays");
        }
        EdgeRows rows = new EdgeRows(name, true);
        java.util.Map<String, Long> audience = new java.util.HashMap<>();
        int i = 0;
        for (JsonNode n : root.get("nodes")) {
            i++;
            String id = n.path("id").asText("");
            JsonNode viewers = n.get("viewers");
            if (viewers == null || !viewers.canConvertToLong()) {
                throw new EdgeListException(name, "node " + i, i, "node has no whole-number 'viewers'");
            }
            rows.channel(i, id, viewers.asLong());
            audience.put(id.strip().toLowerCase(java.util.Locale.ROOT), viewers.asLong());
        }
        int j = 0;
        for (JsonNode l : root.get("links")) {
            j++;
            String s = l.path("source").asText("").strip().toLowerCase(java.util.Locale.ROOT);
            String t = l.path("target").asText("").strip().toLowerCase(java.util.Locale.ROOT);
            JsonNode shared = l.get("shared");
            if (shared == null || !shared.canConvertToLong()) {
                throw new EdgeListException(name, "link " + j, j, "link has no whole-number 'shared'");
            }
            for (String c : java.util.List.of(s, t)) {
                if (!c.isEmpty() && !audience.containsKey(c)) {
                    throw new EdgeListException(name, "link " + j, j, "channel '" + c + "' is not a node");
                }
            }
            rows.add(j, s, t, shared.asLong(), audience.getOrDefault(s, 0L), audience.getOrDefault(t, 0L));
        }
        return rows.build();
    }
}
