package io.vieweratlas.runners.cli;

import com.google.inject.Guice;
import com.google.inject.ProvisionException;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.SnapshotStore;
import io.vieweratlas.core.privacy.Pseudonymizer;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeSnapshotStore;
import io.vieweratlas.parquet.VodPresenceStore;
import io.vieweratlas.runners.config.ConfigLoader;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import io.vieweratlas.runners.vod.VodIngest;
import io.vieweratlas.runners.wiring.BaseModule;
import io.vieweratlas.twitch.vod.ChatComment;
import io.vieweratlas.twitch.vod.ChatReplay;
import io.vieweratlas.twitch.vod.VodChat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.vieweratlas.runners.cli.ValidateConfigCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pseudonymization at collection time and pruning of raw presence. */
class PrivacyCommandsTest {

    private static final String KEY = "a-test-key-of-enough-length";

    @TempDir
    Path dir;

    private ViewerAtlasConfig config(Path lake, boolean pseudonymize) {
        return new ConfigLoader(Map.of()).load(Optional.empty(), Optional.empty(), Map.of("storage.type", "file",
                "storage.base_path", lake.toString(), "collection.pseudonymize", pseudonymize)).config();
    }

    private static String allBytes(Path root) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                sb.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return sb.toString();
    }

    @Test
    void collectionWritesPseudonymsOnlyWhenSwitchedOn() throws IOException {
        Path lake = dir.resolve("lake");
        SnapshotStore store = Guice.createInjector(new BaseModule(config(lake, true),
                Map.of(Pseudonymizer.KEY_VARIABLE, KEY))).getInstance(SnapshotStore.class);
        store.put(PresenceSnapshot.builder("somechannel", Instant.parse("2026-01-01T10:00:00Z"))
                .chatters(List.of("secretalice", "secretbob")).build());
        String raw = allBytes(lake);
        assertFalse(raw.contains("secretalice") || raw.contains("secretbob"), raw);
        Pseudonymizer p = Pseudonymizer.withKey(KEY);
        assertTrue(raw.contains(p.pseudonym("secretalice")), raw);
        List<PresenceSnapshot> back = new ArrayList<>();
        LakeSnapshotStore.on(new FileSystemObjectStore(lake)).forEachSnapshot(TimeRange.ALL, back::add);
        assertEquals(List.of(p.pseudonym("secretalice"), p.pseudonym("secretbob")).stream().sorted().toList(),
                List.copyOf(back.get(0).chatters()));

        Path plain = dir.resolve("plain");
        Guice.createInjector(new BaseModule(config(plain, false), Map.of())).getInstance(SnapshotStore.class)
                .put(PresenceSnapshot.builder("somechannel", Instant.parse("2026-01-01T10:00:00Z"))
                        .chatters(List.of("secretalice")).build());
        assertTrue(allBytes(plain).contains("secretalice"));

        ProvisionException noKey = assertThrows(ProvisionException.class, () -> Guice.createInjector(
                new BaseModule(config(lake, true), Map.of())).getInstance(SnapshotStore.class));
        assertTrue(noKey.getMessage().contains(Pseudonymizer.KEY_VARIABLE), noKey.getMessage());
    }

    @Test
    void vodImportPseudonymizesCommentersAndKeepsNoRawReplay() throws IOException {
        Path lake = dir.resolve("vodlake");
        FileSystemObjectStore store = new FileSystemObjectStore(lake);
        Pseudonymizer p = Pseudonymizer.withKey(KEY);
        VodChat chat = new VodChat("somechannel", "123", "987", Instant.parse("2026-01-01T10:00:00Z"), "a title",
                new ChatReplay("987", List.of(
                        new ChatComment("c1", 5, "11", "secretalice", "SecretAlice", "hello"),
                        new ChatComment("c2", 70, "12", "secretbob", "SecretBob", "hi")), 0, 0, 1, 0));
        VodIngest.Result r = new VodIngest(store, 60, p).ingest(chat, PresenceSourceKind.IMPORT, true);
        assertTrue(r.rawKey().isEmpty(), "no raw replay with logins when pseudonymizing");
        List<PresenceSnapshot> back = new ArrayList<>();
        new VodPresenceStore(store).forEachSnapshot(TimeRange.ALL, back::add);
        assertEquals(2, back.size());
        for (PresenceSnapshot s : back) {
            for (String c : s.chatters()) {
                assertTrue(c.matches("p_[a-z2-7]{16}"), c);
            }
        }
        assertTrue(back.stream().anyMatch(s -> s.chatters().contains(p.pseudonym("secretalice"))));
    }

    @Test
    void pruneIsADryRunUntilApplied() throws IOException {
        Path lake = dir.resolve("prunelake");
        FileSystemObjectStore objects = new FileSystemObjectStore(lake);
        LakeSnapshotStore snapshots = LakeSnapshotStore.on(objects);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant old = now.minus(Duration.ofDays(200));
        Instant recent = now.minus(Duration.ofDays(2));
        snapshots.put(PresenceSnapshot.builder("oldchannel", old).chatters(List.of("someone")).build());
        snapshots.put(PresenceSnapshot.builder("newchannel", recent).chatters(List.of("someone")).build());
        // a CSV twin as the original wrote them: its time is read from the key
        objects.put(io.vieweratlas.lake.LakeLayout.chatterLogKey("oldchannel", old),
                "login\nsomeone\n".getBytes(StandardCharsets.UTF_8));
        objects.put("raw/vod_chat/channel=oldchannel/vod_id=1/chat.json", "{}".getBytes(StandardCharsets.UTF_8));
        objects.put("raw/vod_chat/channel=newchannel/vod_id=2/chat.json", "{}".getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(lake.resolve("raw/vod_chat/channel=oldchannel/vod_id=1/chat.json"),
                FileTime.from(old));
        objects.put("processed/analysis_results.json", "{}".getBytes(StandardCharsets.UTF_8));
        // a compacted day holds logins too: due once the whole day is past retention
        java.time.LocalDate oldDay = java.time.LocalDate.ofInstant(old, java.time.ZoneOffset.UTC);
        java.time.LocalDate newDay = java.time.LocalDate.ofInstant(recent, java.time.ZoneOffset.UTC);
        for (java.time.LocalDate day : List.of(oldDay, newDay)) {
            objects.put(io.vieweratlas.lake.LakeLayout.curatedPresencePartKey(day, 0), new byte[] {1});
            objects.put(io.vieweratlas.lake.LakeLayout.curatedPresenceManifestKey(day), new byte[] {1});
        }
        long before;
        try (Stream<Path> s = Files.walk(lake)) {
            before = s.filter(Files::isRegularFile).count();
        }

        ValidateConfigCommandTest.Result dry = run("prune", "--data", lake.toString(), "--older-than", "90d");
        assertEquals(0, dry.code(), dry.err() + dry.out());
        assertTrue(dry.out().contains("Would delete"), dry.out());
        assertTrue(dry.out().contains("raw/vod_chat/channel=oldchannel/vod_id=1/chat.json"), dry.out());
        try (Stream<Path> s = Files.walk(lake)) {
            assertEquals(before, s.filter(Files::isRegularFile).count(), "a dry run deletes nothing");
        }
        assertFalse(Files.exists(lake.resolve("runs/prune")));

        ValidateConfigCommandTest.Result applied = run("prune", "--data", lake.toString(), "--older-than", "90d",
                "--apply");
        assertEquals(0, applied.code(), applied.err() + applied.out());
        // the old snapshot, its CSV twin, the old replay and the old compacted day are gone; everything else stays
        assertTrue(applied.out().contains("Deleted 5 objects."), applied.out());
        String left;
        try (Stream<Path> s = Files.walk(lake)) {
            left = s.filter(Files::isRegularFile).map(p -> lake.relativize(p).toString()).sorted().toList().toString();
        }
        assertFalse(left.contains("oldchannel"), left);
        assertTrue(left.contains("newchannel_"), left);
        assertTrue(left.contains("vod_id=2"), left);
        assertFalse(left.contains("dt=" + oldDay), left);
        assertTrue(left.contains("dt=" + newDay + "/part-0000.parquet") && left.contains("dt=" + newDay + ".json"), left);
        assertTrue(left.contains("processed/analysis_results.json"), left);
        assertTrue(left.contains("runs/prune/"), "run record written: " + left);

        assertEquals(2, run("prune", "--data", lake.toString(), "--older-than", "soon").code());
    }
}
