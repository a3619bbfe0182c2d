package io.vieweratlas.filesystem;

import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.ObjectVersion;
import io.vieweratlas.core.port.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileSystemObjectStoreTest extends ObjectStoreContract {

    @TempDir
    Path tmp;

    private Path root;

    @Override
    protected ObjectStore newStore() {
        root = tmp.resolve("lake");
        return new FileSystemObjectStore(root);
    }

    private FileSystemObjectStore fsStore() {
        return (FileSystemObjectStore) store;
    }

    @Test
    void objectsAreFilesAtTheirKeyPaths() throws IOException {
        store.put("raw/snapshots/2024/01/15/x_20240115_120000.json", bytes("{}"));
        Path file = root.resolve("raw/snapshots/2024/01/15/x_20240115_120000.json");
        assertEquals("{}", Files.readString(file));
        assertTrue(store.describe().startsWith("file:"));
    }

    @Test
    void strayTempFilesFromACrashAreInvisible() throws IOException {
        store.put("dir/real.json", bytes("ok"));
        // What a writer that died between creating and renaming its temp file leaves behind.
        Files.writeString(root.resolve("dir/.tmp-0123456789abcdef"), "half-writ");
        Files.writeString(root.resolve(".tmp-deadbeef"), "half");
        assertEquals(List.of("dir/real.json"), listKeys(""));
        assertEquals(List.of("dir/real.json"), listKeys("dir/"));
        assertThrows(IllegalArgumentException.class, () -> store.get("dir/.tmp-0123456789abcdef"));
        assertThrows(IllegalArgumentException.class, () -> store.put(".tmp-x", bytes("x")));
    }

    @Test
    void staleTempFilesCanBeCleanedUp() throws IOException {
        store.put("dir/real.json", bytes("ok"));
        Path old = root.resolve("dir/.tmp-old");
        Path fresh = root.resolve(".tmp-fresh");
        Files.writeString(old, "x");
        Files.writeString(fresh, "y");
        Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Files.setLastModifiedTime(fresh, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        assertEquals(1, fsStore().deleteTempFilesOlderThan(Instant.parse("2025-01-01T00:00:00Z")));
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(fresh));
        assertEquals("ok", text(store.get("dir/real.json").orElseThrow()));
    }

    @Test
    void writesLeaveNoTempFilesAndLocksStayOutOfTheKeySpace() throws IOException {
        store.put("s/state.json", bytes("1"));
        ObjectVersion v = store.stat("s/state.json").orElseThrow().version();
        store.compareAndSet("s/state.json", bytes("2"), v);
        store.putIfAbsent("s/state.json", bytes("3"));
        store.putIfAbsent("s/other.json", bytes("4"));
        try (Stream<Path> files = Files.list(root.resolve("s"))) {
            assertEquals(List.of("other.json", "state.json"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.isDirectory(root.resolve(FileSystemObjectStore.LOCK_DIR)));
        assertEquals(List.of("s/other.json", "s/state.json"), listKeys(""));
        assertThrows(IllegalArgumentException.class, () -> store.get(".locks/anything"));
        assertEquals(List.of(), listKeys(".locks/"));
    }

    @Test
    void symbolicLinksCannotLeadOutOfTheStore() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createDirectories(root);
        Files.createSymbolicLink(root.resolve("evil"), outside);
        Files.createSymbolicLink(root.resolve("link.txt"), outside.resolve("secret.txt"));

        assertThrows(IllegalArgumentException.class, () -> store.get("evil/secret.txt"));
        assertThrows(IllegalArgumentException.class, () -> store.put("evil/new.txt", bytes("x")));
        assertThrows(IllegalArgumentException.class, () -> store.putIfAbsent("evil/deeper/new.txt", bytes("x")));
        assertFalse(Files.exists(outside.resolve("new.txt")));
        assertFalse(Files.exists(outside.resolve("deeper")));
        assertTrue(store.get("link.txt").isEmpty(), "a symbolic link is not an object");
        assertTrue(store.stat("link.txt").isEmpty());
        assertEquals(List.of(), listKeys(""));
        assertEquals("secret", Files.readString(outside.resolve("secret.txt")));
    }

    @Test
    void filesWrittenByOthersAreListedWithTheirContentHash() throws IOException {
        Path file = root.resolve("raw/snapshots/2024/01/15/a_20240115_120000.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"timestamp\": \"2024-01-15T12:00:00\"}");
        ObjectVersion listed = store.list("raw/").findFirst().orElseThrow().version();
        assertEquals(store.get("raw/snapshots/2024/01/15/a_20240115_120000.json").orElseThrow().version(), listed);

        // Rewritten in place by a tool that bypasses the store: the recorded hash must not be trusted.
        Files.writeString(file, "{\"timestamp\": \"2024-01-15T12:00:01\", \"x\": 1}");
        ObjectVersion after = store.stat("raw/snapshots/2024/01/15/a_20240115_120000.json").orElseThrow().version();
        assertNotEquals(listed, after);
        assertEquals(store.get("raw/snapshots/2024/01/15/a_20240115_120000.json").orElseThrow().version(), after);
    }

    @Test
    void failedConditionalWritesLeaveNoTrace() throws IOException {
        store.compareAndSet("never/created/x", bytes("1"), new ObjectVersion("abc"));
        assertFalse(Files.exists(root.resolve("never")), "a failed compare-and-set creates no directories");
        store.put("p", bytes("1"));
        store.putIfAbsent("p", bytes("2"));
        store.compareAndSet("p", bytes("3"), new ObjectVersion("stale"));
        try (Stream<Path> files = Files.list(root)) {
            assertEquals(List.of(".locks", "p"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aKeyThatIsADirectoryIsNotAnObject() {
        store.put("a/b", bytes("x"));
        assertTrue(store.get("a").isEmpty());
        assertTrue(store.stat("a").isEmpty());
        assertFalse(store.delete("a"));
        assertThrows(StoreException.class, () -> store.put("a", bytes("y")));
        assertEquals("x", text(store.get("a/b").orElseThrow()));
    }

    @Test
    void twoStoresOnOneDirectoryInOneJvmShareLocks() throws Exception {
        FileSystemObjectStore other = new FileSystemObjectStore(root);
        store.put("counter", bytes("0"));
        int threads = 6;
        int perThread = 20;
        race(threads, i -> {
            ObjectStore mine = i % 2 == 0 ? store : other;
            for (int n = 0; n < perThread; n++) {
                Counter.increment(mine, "counter");
            }
            return null;
        });
        assertEquals(threads * perThread, Counter.read(store, "counter"));
    }

    @Test
    void compareAndSetStaysCorrectBetweenTwoProcesses() throws Exception {
        int perProcess = 100;
        store.put("state/counter", bytes("0"));
        List<Process> children = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Process child = childJvm(CasIncrementer.class, fsStore().root().toString(), "state/counter",
                        Integer.toString(perProcess));
                children.add(child);
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                outputs.add(out);
            }
            for (BufferedReader out : outputs) {
                assertEquals("ready", out.readLine());
            }
            for (Process child : children) { // release both at once
                OutputStream in = child.getOutputStream();
                in.write("go\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
            for (int i = 0; i < children.size(); i++) {
                String done = outputs.get(i).readLine();
                assertTrue(children.get(i).waitFor(120, TimeUnit.SECONDS), "child did not finish");
                assertEquals(0, children.get(i).exitValue(), "child failed: " + done);
                assertTrue(done != null && done.startsWith("done "), "child said " + done);
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }
        assertEquals(2L * perProcess, Counter.read(store, "state/counter"));
    }

    @Test
    void aWriterKilledMidWriteLeavesACompleteObject() throws Exception {
        int size = 4 * 1024 * 1024;
        Process child = childJvm(EndlessWriter.class, fsStore().root().toString(), "big/blob", Integer.toString(size));
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            for (int i = 0; i < 3; i++) {
                assertEquals("wrote", out.readLine());
            }
            child.destroyForcibly(); // SIGKILL while it is writing its next version
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        byte[] seen = store.get("big/blob").orElseThrow().content();
        assertEquals(size, seen.length);
        for (byte b : seen) {
            if (b != seen[0]) {
                throw new AssertionError("object holds parts of two versions");
            }
        }
        assertEquals(List.of("big/blob"), listKeys(""));
        assertEquals(store.get("big/blob").orElseThrow().version(), store.stat("big/blob").orElseThrow().version());
    }

    /** Starts a JVM like this one (same java binary, same class path) running {@code main}. */
    static Process childJvm(Class<?> main, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException("no java command"));
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
