package io.vieweratlas.runners.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vieweratlas.lake.LakeLayout;
import io.vieweratlas.runners.config.LegacyKeys;
import io.vieweratlas.twitch.collector.ChannelsFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files the original kept beside its lake, in the directory it ran in: the channels file, the
 * VOD queue and the raw VOD chat downloads.
 */
final class HomeFindings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HomeFindings() {
    }

    static void checkChannels(Path file, Map<String, String> environment, List<Finding> findings) {
        if (!Files.exists(file)) {
            if (environment.containsKey("TWITCH_CHANNELS")) {
                return; // the mapped variable is reported with the environment
            }
            findings.add(Finding.of(Finding.Category.IGNORED, "channels file", file.toString(),
                    "none: only discovered channels are watched"));
            return;
        }
        try {
            List<String> logins = ChannelsFile.read(file);
            findings.add(Finding.counted(Finding.Category.CARRIES_OVER, "channels file", file.toString(),
                    logins.size(), "read as it is (collection.channels_file)"));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            findings.add(Finding.of(Finding.Category.WILL_NOT_LOAD, "channels file", file.toString(), e.getMessage()));
        }
    }

    static void checkVodQueue(Path file, List<Finding> findings) {
        if (!Files.exists(file)) {
            return;
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            findings.add(Finding.of(Finding.Category.WILL_NOT_LOAD, "VOD queue", file.toString(),
                    "not JSON: " + e.getMessage()));
            return;
        }
        if (root == null || !root.isArray()) {
            findings.add(Finding.of(Finding.Category.WILL_NOT_LOAD, "VOD queue", file.toString(),
                    "not the original's queue (a JSON list of VODs)"));
            return;
        }
        TreeSet<String> unfinished = new TreeSet<>();
        long completed = 0;
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            String id = item.path("vod_id").asText("");
            if (!id.matches("[0-9]{1,20}")) {
                findings.add(Finding.of(Finding.Category.WILL_NOT_LOAD, "VOD queue entry", file + "[" + i + "]",
                        "no numeric vod_id"));
            } else if ("completed".equals(item.path("status").asText())) {
                completed++;
            } else {
                unfinished.add(id);
            }
        }
        findings.add(Finding.counted(Finding.Category.CARRIES_OVER, "VOD queue", file.toString(), completed,
                "completed VODs: their presence is in the lake; the queue itself lives at " + LakeLayout.VOD_QUEUE));
        if (!unfinished.isEmpty()) {
            findings.add(Finding.counted(Finding.Category.WILL_NOT_LOAD, "VOD queue (unfinished)", file.toString(),
                    unfinished.size(), "pending, processing or failed VODs are not moved: queue them again with"
                            + " 'vieweratlas vod add " + String.join(" ", unfinished) + "'"));
        }
    }

    static void checkRawVodChat(Path dir, List<Finding> findings) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        long files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json")).count();
        } catch (IOException e) {
            files = 0;
        }
        if (files > 0) {
            findings.add(Finding.counted(Finding.Category.IGNORED, "raw VOD chat (TwitchDownloader JSON)",
                    dir.toString(), files, LegacyKeys.fileKey("vod.raw_dir").orElseThrow().note()));
        }
    }
}
