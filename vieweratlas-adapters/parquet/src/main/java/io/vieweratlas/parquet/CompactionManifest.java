package io.vieweratlas.parquet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The record that a UTC day folder of raw snapshots is compacted
 * ({@code curated/presence/_manifests/dt=YYYY-MM-DD.json}), written last and only if absent: the
 * parts to read, the figures the parts were verified against, and every problem the raw day's files
 * had (so that a load of the compacted day reports what a raw load reports).
 *
 * @param day         the day folder
 * @param parts       the Parquet objects holding the day's snapshots, in order
 * @param candidates  raw files read (a JSON file with its CSV twin counts once)
 * @param snapshots   snapshots stored
 * @param rows        rows stored
 * @param digest      the verified fingerprint of the rows
 * @param skipped     what the raw files' reading set aside, by file
 * @param compactedAt when the manifest was written
 */
public record CompactionManifest(LocalDate day, List<Part> parts, long candidates, long snapshots, long rows,
                                 String digest, List<Skip> skipped, Instant compactedAt) {

    /** The format name written into every manifest; a manifest of another format is not read. */
    public static final String FORMAT = "vieweratlas-compacted-presence/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public CompactionManifest {
        Objects.requireNonNull(day, "day");
        parts = List.copyOf(parts);
        Objects.requireNonNull(digest, "digest");
        skipped = List.copyOf(skipped);
        Objects.requireNonNull(compactedAt, "compactedAt");
    }

    /**
     * One Parquet object of the day.
     *
     * @param key       its key
     * @param rows      rows in it
     * @param snapshots snapshots in it
     * @param bytes     its size
     */
    public record Part(String key, long rows, long snapshots, long bytes) {
        public Part {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * A problem of one raw file.
     *
     * @param candidate the listed file (a JSON key, or a CSV key without JSON twin)
     * @param location  where the problem is (the file, its twin, a CSV line)
     * @param reason    what is wrong
     */
    public record Skip(String candidate, String location, String reason) {
        public Skip {
            Objects.requireNonNull(candidate, "candidate");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The manifest as indented JSON. */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("day", day.toString());
        ArrayNode partsNode = root.putArray("parts");
        for (Part p : parts) {
            partsNode.addObject().put("key", p.key()).put("rows", p.rows()).put("snapshots", p.snapshots())
                    .put("bytes", p.bytes());
        }
        root.put("candidates", candidates);
        root.put("snapshots", snapshots);
        root.put("rows", rows);
        root.put("digest", digest);
        ArrayNode skippedNode = root.putArray("skipped");
        for (Skip s : skipped) {
            skippedNode.addObject().put("candidate", s.candidate()).put("location", s.location())
                    .put("reason", s.reason());
        }
        root.put("compacted_at", compactedAt.toString());
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a compaction manifest", e);
        }
    }

    /**
     * Reads a manifest.
     *
     * @param location where it came from, for messages
     * @throws IllegalArgumentException naming {@code location} and what is wrong
     */
    public static CompactionManifest parse(byte[] json, String location) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            String format = text(root, "format");
            if (!FORMAT.equals(format)) {
                throw new IllegalArgumentException("format '" + format + "' is not " + FORMAT);
            }
            List<Part> parts = new ArrayList<>();
            for (JsonNode p : array(root, "parts")) {
                parts.add(new Part(text(p, "key"), number(p, "rows"), number(p, "snapshots"), number(p, "bytes")));
            }
            List<Skip> skipped = new ArrayList<>();
            for (JsonNode s : array(root, "skipped")) {
                skipped.add(new Skip(text(s, "candidate"), text(s, "location"), text(s, "reason")));
            }
            return new CompactionManifest(LocalDate.parse(text(root, "day")), parts, number(root, "candidates"),
                    number(root, "snapshots"), number(root, "rows"), text(root, "digest"), skipped,
                    Instant.parse(text(root, "compacted_at")));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(location + ": not a readable compaction manifest: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' missing or not a string");
        }
        return v.asText();
    }

    private static long number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToLong() || v.asLong() < 0) {
            throw new IllegalArgumentException("'" + field + "' missing or not a non-negative integer");
        }
        return v.asLong();
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException("'" + field + "' missing or not an array");
        }
        return v;
    }
}
