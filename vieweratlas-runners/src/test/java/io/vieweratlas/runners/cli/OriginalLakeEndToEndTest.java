package io.vieweratlas.runners.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.StreamMetadata;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeSnapshotStore;
import io.vieweratlas.parquet.OriginalLakeWriter;
import io.vieweratlas.parquet.VodBucket;
import io.vieweratlas.parquet.VodPresenceStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lake written the way the original project wrote it (live JSON snapshots with CSV twins,
 * pandas-written VOD Parquet under both of its locations, JSON-only VOD snapshots) analyses to the
 * same results as a lake with the same presence written by this project's collector store and VOD
 * path, for all sources and for VOD alone.
 */
class OriginalLakeEndToEndTest {

    private static final Instant T0 = Instant.parse("2026-11-16T18:00:00Z");
    private static final int BUCKET = 60;

    @TempDir
    static Path dir;
    static Path original;
    static Path ours;

    /** One live snapshot or one VOD's buckets of the shared presence. */
    private record Live(String channel, Instant time, String game, SortedSet<String> chatters) {
    }

    private record Vod(String channel, String vodId, Instant start, SortedMap<Long, SortedSet<String>> buckets,
                       OriginalLakeWriter.Placement placement, OriginalLakeWriter.Location location) {
    }

    @BeforeAll
    static void lakes() {
        Random random = new Random(7);
        List<Live> live = new ArrayList<>();
        List<Vod> vods = new ArrayList<>();
        String[] games = {"Chess", "VALORANT", "Minecraft"};
        OriginalLakeWriter.Placement[] placements = {OriginalLakeWriter.Placement.OFFSET_AND_STARTED_AT,
                OriginalLakeWriter.Placement.BUCKET_START};
        OriginalLakeWriter.Location[] locations = {OriginalLakeWriter.Location.CURATED,
                OriginalLakeWriter.Location.LOCAL, OriginalLakeWriter.Location.LOCAL_JSON_ONLY};
        int vodNumber = 0;
        for (int community = 0; community < 3; community++) {
            for (int c = 0; c < 5; c++) {
                String channel = "c" + community + "_ch" + c;
                if (c < 3) { // live channels: three hourly snapshots
                    for (int h = 0; h < 3; h++) {
                        live.add(new Live(channel, T0.plusSeconds(3600L * h + 60L * c), games[community],
                                viewers(random, community, 25)));
                    }
                } else { // VOD channels: one VOD of four buckets
                    SortedMap<Long, SortedSet<String>> buckets = new TreeMap<>();
                    for (long b = 0; b < 4; b++) {
                        buckets.put(b * BUCKET * 5, viewers(random, community, 15));
                    }
                    vods.add(new Vod(channel, Integer.toString(1000 + vodNumber), T0.plusSeconds(600L * vodNumber),
                            buckets, placements[vodNumber % 2], locations[vodNumber % 3]));
                    vodNumber++;
                }
            }
        }
        original = dir.resolve("original-logs");
        OriginalLakeWriter writer = new OriginalLakeWriter(new FileSystemObjectStore(original));
        for (Live l : live) {
            writer.liveSnapshot(l.channel(), l.time(), l.chatters().size() * 3L, l.game(), "en", "title of "
                    + l.channel(), T0.minusSeconds(7200), l.chatters());
        }
        for (Vod v : vods) {
            writer.vod(v.channel(), v.vodId(), v.start(), BUCKET, v.buckets(), v.placement(), v.location());
        }

        ours = dir.resolve("ours");
        FileSystemObjectStore store = new FileSystemObjectStore(ours);
        LakeSnapshotStore snapshots = LakeSnapshotStore.builder(store).writeCsvTwin(true).build();
        for (Live l : live) {
            snapshots.put(PresenceSnapshot.builder(l.channel(), l.time()).chatters(l.chatters())
                    .stream(new StreamMetadata(l.chatters().size() * 3L, l.game(), "en", "title of " + l.channel(),
                            Optional.of(T0.minusSeconds(7200)))).build());
        }
        VodPresenceStore vodStore = new VodPresenceStore(store);
        for (Vod v : vods) {
            List<VodBucket> buckets = new ArrayList<>();
            v.buckets().forEach((offset, chatters) -> buckets.add(new VodBucket("twitch", PresenceSourceKind.VOD,
                    v.channel(), "4" + v.vodId(), "vod:" + v.vodId(), v.start().plusSeconds(offset), offset, BUCKET,
                    chatters)));
            vodStore.write(buckets);
        }
    }

    /** Viewers mostly from the community's own pool, some from anywhere. */
    private static SortedSet<String> viewers(Random random, int community, int n) {
        SortedSet<String> out = new TreeSet<>();
        while (out.size() < n) {
            int pool = random.nextInt(10) < 8 ? community : random.nextInt(3);
            out.add("v" + pool + "_" + random.nextInt(40));
        }
        return out;
    }

    private static Path analyze(Path lake, String name, String source) {
        Path out = dir.resolve("out-" + name + "-" + source);
        ValidateConfigCommandTest.Result r = ValidateConfigCommandTest.run("analyze", "--data", lake.toString(),
                "--out", out.toString(), "--seed", "3", "--source", source, "--weighting", "jaccard");
        assertEquals(0, r.code(), r.err() + r.out());
        return out;
    }

    @Test
    void theOriginalsLakeAnalysesAsOursForAllSourcesAndForVodAlone() throws IOException {
        assertTrue(Files.isRegularFile(original.resolve("vod_snapshots/c0_ch4/1001/part-0000.parquet")));
        assertTrue(Files.isRegularFile(original.resolve("vod_snapshots/c0_ch4/1001/snapshot_0003.json")));
        assertTrue(Files.isRegularFile(original.resolve("vod_snapshots/c1_ch3/1002/snapshot_0000.json")));
        assertTrue(Files.notExists(original.resolve("vod_snapshots/c1_ch3/1002/part-0000.parquet")));
        for (String source : List.of("all", "vod")) {
            Path a = analyze(original, "original", source);
            Path b = analyze(ours, "ours", source);
            for (String file : List.of("graph_nodes.csv", "graph_edges.csv", "communities.csv")) {
                assertEquals(Files.readString(b.resolve(file)), Files.readString(a.resolve(file)), source + " " + file);
            }
            ObjectMapper json = new ObjectMapper();
            JsonNode ra = json.readTree(a.resolve("analysis_results.json").toFile());
            JsonNode rb = json.readTree(b.resolve("analysis_results.json").toFile());
            assertEquals(rb, ra, source + " analysis_results.json");
            JsonNode stats = ra.get("statistics");
            assertEquals(source.equals("all") ? Map.of("live", 27, "vod", 24) : Map.of("vod", 24),
                    json.convertValue(stats.get("snapshot_sources"), Map.class), source);
            assertEquals(source.equals("all") ? 15 : 6, stats.get("num_channels").asInt(), source);
            assertTrue(stats.get("num_communities").asInt() >= 2, stats.toString());
            assertEquals(0, ra.at("/data_quality/skipped").size(), ra.at("/data_quality").toString());
            if (source.equals("all")) { // and its own export fed back gives the same partition
                // without attaching: attached channels rest on viewers below the threshold, which an
                // edge list does not hold
                Path config = Files.writeString(dir.resolve("without-attaching.yaml"),
                        "analysis:\n  attach_unassigned: false\n");
                ValidateConfigCommandTest.Result plain = ValidateConfigCommandTest.run("analyze", "--data",
                        original.toString(), "--out", dir.resolve("plain").toString(), "--seed", "3", "--weighting",
                        "jaccard", "--source", "all", "--config", config.toString());
                assertEquals(0, plain.code(), plain.err() + plain.out());
                Path plainOut = dir.resolve("plain");
                Path again = dir.resolve("again");
                ValidateConfigCommandTest.Result r = ValidateConfigCommandTest.run("analyze", "--edges",
                        plainOut.resolve("graph_edges.csv").toString(), "--data", original.toString(), "--out",
                        again.toString(), "--seed", "3", "--weighting", "jaccard");
                assertEquals(0, r.code(), r.err() + r.out());
                assertEquals(Files.readString(plainOut.resolve("graph_nodes.csv")),
                        Files.readString(again.resolve("graph_nodes.csv")));
            }
        }
    }
}
