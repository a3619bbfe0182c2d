package io.vieweratlas.runners.collector;

import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.StreamMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileSnapshotSpillTest {
    @TempDir
    Path dir;

    private static PresenceSnapshot snapshot(String channel) {
        TreeMap<String, Set<Evidence>> evidence = new TreeMap<>();
        evidence.put("ann", Set.of(Evidence.MESSAGE));
        return new PresenceSnapshot(channel, Instant.parse("2026-11-24T12:00:00Z"), Duration.ofHours(1),
                PresenceSourceKind.IRC, new StreamMetadata(42, "Chess", "en", "t", Optional.empty()),
                new TreeSet<>(Set.of("ann")), evidence, Optional.of("id-" + channel), Optional.empty());
    }

    @Test
    void heldSnapshotsSurviveANewInstanceAndAreTakenOnce() {
        new FileSnapshotSpill(dir.resolve("spill")).hold(snapshot("alpha"));
        FileSnapshotSpill next = new FileSnapshotSpill(dir.resolve("spill")); // as the next run sees it
        assertEquals(1, next.size());
        List<PresenceSnapshot> taken = next.takeAll();
        assertEquals(List.of(snapshot("alpha")), taken);
        assertEquals(0, next.size());
        assertEquals(List.of(), next.takeAll());
    }

    @Test
    void anUnreadableFileIsSetAsideAndTheRestTaken() throws Exception {
        FileSnapshotSpill spill = new FileSnapshotSpill(dir);
        spill.hold(snapshot("beta"));
        Files.writeString(dir.resolve("broken_1_0.json"), "{not json");
        assertEquals(List.of(snapshot("beta")), spill.takeAll());
        assertTrue(Files.exists(dir.resolve("broken_1_0.json.bad")));
        assertEquals(0, spill.size());
    }
}
