package io.vieweratlas.runners.launcher;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The start-up cache of bin/vieweratlas: the training run before the first command of a build, the
 * flags of training and real runs, the atomic move into place, and that nothing about the cache can
 * fail the user's command. Runs the real script in a copied install tree with a fake JDK whose
 * {@code java} records its arguments, so no build and no JVM start is needed.
 */
class StartupCacheScriptTest {

    private static final Path BIN = Path.of("..", "bin").toAbsolutePath().normalize();

    /** Records each call as one line: TRAIN or RUN, then every argument in brackets. */
    private static final String FAKE_JAVA = """
            #!/bin/sh
            d=$(cd "$(dirname "$0")/../.." && pwd)
            train="" data="" prev=""
            for a in "$@"; do
              case $a in -XX:AOTCacheOutput=* | -XX:ArchiveClassesAtExit=*) train=${a#*=} ;; esac
              if [ "$prev" = --data ]; then data=$a; fi
              prev=$a
            done
            if [ -n "$train" ]; then line=TRAIN; else line=RUN; fi
            for a in "$@"; do line="$line [$a]"; done
            # one write per call: concurrent launchers append to the same log
            printf '%s\\n' "$line" >>"$d/calls.log"
            if [ -n "$train" ]; then
              { echo "cwd=$(pwd)"
                echo "config_env=${VIEWERATLAS_CONFIG:-unset}"
                if [ -f "$data/raw/snapshot.json" ]; then echo lake=copied; else echo lake=missing; fi
                if ls "$d/install/.cache" | grep -q '^vieweratlas-jdk.*[at]$'; then echo final=present; else echo final=absent; fi
              } >>"$d/training.log"
              echo "training noise on stdout"
              echo "training noise on stderr" >&2
              if [ -f "$d/hold-training" ]; then
                : >"$d/training-started"
                while [ ! -f "$d/release-training" ]; do sleep 0.05; done
              fi
              if [ -f "$d/fail-training" ]; then exit 3; fi
              printf 'archive' >"$train"
              exit 0
            fi
            echo "real run"
            exit "$(cat "$d/exit-code" 2>/dev/null || echo 0)"
            """;

    @TempDir
    Path dir;

    private Path install;
    private Path cache;
    private Path jar;

    record Outcome(int code, String out, String err) {
    }

    @BeforeEach
    void install() throws IOException {
        install = dir.resolve("install");
        Files.createDirectories(install.resolve("bin/lib"));
        Files.copy(BIN.resolve("vieweratlas"), install.resolve("bin/vieweratlas"));
        Files.copy(BIN.resolve("lib/find-java.sh"), install.resolve("bin/lib/find-java.sh"));
        Path target = install.resolve("vieweratlas-runners/target");
        Files.createDirectories(target.resolve("lib"));
        jar = Files.writeString(target.resolve("vieweratlas-runners.jar"), "jar");
        Files.writeString(target.resolve("lib/dependency.jar"), "jar");
        Files.writeString(target.resolve(".build-stamp"), "");
        Path raw = Files.createDirectories(install.resolve("examples/sample-data/raw"));
        Files.writeString(raw.resolve("snapshot.json"), "{}");
        cache = install.resolve(".cache");
        fakeJdk("25.0.3");
        // the jars and the JDK predate everything the launcher writes
        Instant past = Instant.now().minusSeconds(3600);
        try (Stream<Path> files = Files.walk(install)) {
            for (Path p : files.toList()) {
                Files.setLastModifiedTime(p, FileTime.from(past));
            }
        }
        try (Stream<Path> files = Files.walk(dir.resolve("jdk"))) {
            for (Path p : files.toList()) {
                Files.setLastModifiedTime(p, FileTime.from(past));
            }
        }
    }

    private void fakeJdk(String version) throws IOException {
        Path home = dir.resolve("jdk");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Files.writeString(home.resolve("lib/modules"), "modules");
        executable(home.resolve("bin/java"), FAKE_JAVA);
        executable(home.resolve("bin/javac"), "#!/bin/sh\nexit 0\n");
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Process start(String javaOpts, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", install.resolve("bin/vieweratlas").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", dir.resolve("jdk").toString());
        env.put("JAVA_OPTS", javaOpts);
        // a user setting the training run must not see
        env.put("VIEWERATLAS_CONFIG", dir.resolve("user.yaml").toString());
        return pb.start();
    }

    private static Outcome finish(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "launcher did not finish");
        return new Outcome(p.exitValue(), out, err);
    }

    private Outcome run(String javaOpts, String... args) throws Exception {
        return finish(start(javaOpts, args));
    }

    private List<String> calls() throws IOException {
        Path log = dir.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private List<String> trainingDirs() throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("training.") && !n.endsWith(".lock"))
                    .toList();
        }
    }

    /** The one archive (or failure marker, for suffix ".aot.failed") in the cache whose name ends with suffix. */
    private Path inCache(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().startsWith("vieweratlas-jdk")
                    && p.getFileName().toString().endsWith(suffix)).toList();
            assertEquals(1, found.size(), "one " + suffix + " in " + found);
            return found.get(0);
        }
    }

    private boolean noneInCache(String suffix) throws IOException {
        if (!Files.isDirectory(cache)) {
            return true;
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.noneMatch(p -> p.getFileName().toString().endsWith(suffix));
        }
    }

    private static String trainingOutput(String call) {
        int at = call.indexOf("[-XX:AOTCacheOutput=");
        if (at < 0) {
            at = call.indexOf("[-XX:ArchiveClassesAtExit=");
        }
        return call.substring(call.indexOf('=', at) + 1, call.indexOf(']', at));
    }

    @Test
    void trainsOnceWithTheLaunchersOwnFlagsThenRunsEveryCommandWithTheAotCache() throws Exception {
        Outcome first = run("-Xmx1g -XX:+UseG1GC", "--version");

        assertEquals(0, first.code(), first.err());
        assertEquals("real run\n", first.out(), "the training run is quiet");
        assertEquals(1, first.err().lines().count(), first.err());
        assertTrue(first.err().contains("training the start-up cache"), first.err());
        List<String> calls = calls();
        assertEquals(2, calls.size(), calls.toString());
        String training = calls.get(0);
        assertTrue(training.startsWith("TRAIN [-XX:TieredStopAtLevel=1] [-XX:+UseSerialGC] "
                + "[--sun-misc-unsafe-memory-access=allow] [-XX:AOTCacheOutput="), training);
        assertFalse(training.contains("Xmx1g") || training.contains("G1GC"), "JAVA_OPTS stay out of training: " + training);
        assertTrue(training.contains("[analyze] [--config] ["), training);
        assertTrue(training.endsWith("/lake] [--out] [" + Path.of(trainingOutput(training)).getParent() + "/out]"),
                training);
        List<String> seen = Files.readAllLines(dir.resolve("training.log"));
        assertEquals(List.of("config_env=unset", "lake=copied", "final=absent"), seen.subList(1, 4),
                "clean environment, a copy of the sample lake, the archive written elsewhere first");
        assertTrue(seen.get(0).startsWith("cwd=" + cache.resolve("training.")), seen.get(0));

        // written under a temporary name in the cache directory (same file system), then moved into place
        Path archive = inCache(".aot");
        assertTrue(archive.getFileName().toString().matches("vieweratlas-jdk25-[0-9]+\\.aot"), archive.toString());
        Path output = Path.of(trainingOutput(training));
        assertTrue(output.startsWith(cache) && !output.equals(archive), output.toString());
        assertEquals("archive", Files.readString(archive));
        assertEquals(List.of(), trainingDirs(), "the training directory is removed");
        assertFalse(Files.exists(install.resolve("examples/sample-data/processed")), "the sample lake is not written");

        String real = calls.get(1);
        assertTrue(real.startsWith("RUN [-XX:TieredStopAtLevel=1] [-Xlog:aot*=off] [-Xlog:cds*=off] [-Xmx1g] [-XX:+UseG1GC] "
                + "[--sun-misc-unsafe-memory-access=allow] [-XX:AOTCache=" + archive + "] [-jar] "), real);
        assertTrue(real.endsWith("[--version]"), real);
        assertFalse(real.contains("UseSerialGC"), real);

        Outcome second = run("", "analyze", "--data", "lake");
        assertEquals(0, second.code());
        assertEquals("", second.err());
        assertEquals(3, calls().size(), "no second training");
        assertTrue(calls().get(2).contains("[-XX:+UseSerialGC] [-Xlog:aot*=off] [-Xlog:cds*=off] "
                + "[--sun-misc-unsafe-memory-access=allow] [-XX:AOTCache=" + archive + "]"), calls().get(2));
    }

    @Test
    void jdk21To24UseADynamicCdsArchive() throws Exception {
        fakeJdk("21.0.5");
        Files.setLastModifiedTime(dir.resolve("jdk/lib/modules"), FileTime.from(Instant.now().minusSeconds(3600)));

        Outcome o = run("", "--version");

        assertEquals(0, o.code(), o.err());
        List<String> calls = calls();
        assertEquals(2, calls.size(), calls.toString());
        assertTrue(calls.get(0).startsWith("TRAIN [-XX:TieredStopAtLevel=1] [-XX:+UseSerialGC] [-XX:ArchiveClassesAtExit="),
                calls.get(0));
        Path archive = inCache(".jsa");
        assertTrue(archive.getFileName().toString().startsWith("vieweratlas-jdk21-"), archive.toString());
        assertEquals("archive", Files.readString(archive));
        assertTrue(calls.get(1).startsWith("RUN [-XX:TieredStopAtLevel=1] [-XX:+UseSerialGC] [-Xlog:cds*=off] "
                + "[-XX:SharedArchiveFile=" + archive + "] [-jar] "), calls.get(1));
        assertFalse(calls.get(1).contains("aot"), "JDK 21 has no aot log tag: " + calls.get(1));
    }

    @Test
    void aFailedTrainingRunStillRunsTheCommandAndIsRetriedOnlyAfterTheNextBuild() throws Exception {
        Files.writeString(dir.resolve("fail-training"), "");
        Files.writeString(dir.resolve("exit-code"), "5");

        Outcome first = run("", "analyze");

        assertEquals(5, first.code(), "the command's own exit code");
        assertEquals("real run\n", first.out());
        assertEquals(1, first.err().lines().count(), first.err());
        List<String> calls = calls();
        assertEquals(2, calls.size(), calls.toString());
        assertFalse(calls.get(1).contains("AOTCache") || calls.get(1).contains("-Xlog"), calls.get(1));
        assertTrue(noneInCache(".aot"));
        assertTrue(Files.readString(inCache(".aot.failed")).contains("training noise on stderr"),
                "the failure keeps the training output");
        assertEquals(List.of(), trainingDirs());

        Outcome second = run("", "analyze");
        assertEquals(5, second.code());
        assertEquals("", second.err(), "no retraining before the next build");
        assertEquals(3, calls().size());

        Files.setLastModifiedTime(inCache(".aot.failed"), FileTime.from(Instant.now().minusSeconds(60)));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(30)));
        Files.delete(dir.resolve("fail-training"));
        Outcome rebuilt = run("", "analyze");
        assertEquals(5, rebuilt.code());
        assertEquals(5, calls().size(), "a new build trains again");
        assertTrue(calls().get(4).contains("[-XX:AOTCache="), calls().get(4));
        assertTrue(noneInCache(".failed"));
    }

    @Test
    void anArchiveOlderThanTheJarsOrTheJdkIsReplaced() throws Exception {
        run("", "--version");
        Path archive = inCache(".aot");
        Files.writeString(archive, "old");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(60)));
        Files.setLastModifiedTime(dir.resolve("jdk/lib/modules"), FileTime.from(Instant.now()));

        run("", "--version");

        assertEquals(4, calls().size(), calls().toString());
        assertTrue(calls().get(2).startsWith("TRAIN "), calls().get(2));
        assertEquals("archive", Files.readString(archive));
    }

    @Test
    void anotherJdkBuildTrainsItsOwnArchiveAndReplacesTheOthers() throws Exception {
        Files.createDirectories(cache);
        Files.writeString(cache.resolve("vieweratlas-jdk25.jsa"), "archive of the launcher before training runs");
        run("", "--version");
        Path first = inCache(".aot");
        assertFalse(Files.exists(cache.resolve("vieweratlas-jdk25.jsa")));

        Path release = dir.resolve("jdk/release");
        Files.writeString(release, "JAVA_VERSION=\"25.0.4\"\n");
        Files.setLastModifiedTime(release, FileTime.from(Instant.now().minusSeconds(3600)));
        run("", "--version");

        assertEquals(4, calls().size(), calls().toString());
        assertTrue(calls().get(2).startsWith("TRAIN "), calls().get(2));
        Path second = inCache(".aot");
        assertFalse(second.equals(first), second.toString());
        assertTrue(calls().get(3).contains("[-XX:AOTCache=" + second + "]"), calls().get(3));
    }

    @Test
    void javaOptsThatManageSharingOrRuleTheCacheOutTurnItOff() throws Exception {
        for (String opts : List.of("-Xshare:off", "-XX:SharedArchiveFile=/tmp/mine.jsa", "-XX:+UseZGC", "-Xmx32g",
                "-Xmx40000m -XX:+UseSerialGC", "-XX:-UseCompressedOops")) {
            Outcome o = run(opts, "--version");
            assertEquals(0, o.code(), opts + ": " + o.err());
            assertEquals("", o.err(), opts);
        }
        for (String call : calls()) {
            assertTrue(call.startsWith("RUN ") && !call.contains("AOTCache") && !call.contains("-Xlog"), call);
        }
        assertTrue(noneInCache(".aot"));

        run("-Xmx31g", "--version");
        assertTrue(calls().get(calls().size() - 1).contains("[-Xmx31g] [--sun-misc-unsafe-memory-access=allow] [-XX:AOTCache="),
                calls().toString());
    }

    @Test
    void anUnwritableCacheRunsWithoutArchive() throws Exception {
        Files.writeString(cache, "not a directory");

        Outcome o = run("", "--version");

        assertEquals(0, o.code(), o.err());
        assertEquals("", o.err());
        assertEquals(1, calls().size(), calls().toString());
        assertFalse(calls().get(0).contains("AOTCache") || calls().get(0).contains("-Xlog"), calls().get(0));
    }

    @Test
    void aConcurrentLauncherWaitsForTheTrainingRunAndUsesItsArchive() throws Exception {
        Files.writeString(dir.resolve("hold-training"), "");
        Process first = start("", "--version");
        awaitFile(dir.resolve("training-started"));
        Process second = start("", "analyze");
        // the second launcher cannot get further than the lock while the first one trains
        assertFalse(second.waitFor(300, TimeUnit.MILLISECONDS));
        Files.writeString(dir.resolve("release-training"), "");

        Outcome a = finish(first);
        Outcome b = finish(second);

        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        List<String> calls = calls();
        assertEquals(1, calls.stream().filter(c -> c.startsWith("TRAIN ")).count(), calls.toString());
        assertEquals(2, calls.stream().filter(c -> c.startsWith("RUN ") && c.contains("[-XX:AOTCache=")).count(),
                calls.toString());
    }

    @Test
    void anInterruptedTrainingRunLeavesNothingBehind() throws Exception {
        Files.writeString(dir.resolve("hold-training"), "");
        Process p = start("", "--version");
        awaitFile(dir.resolve("training-started"));

        assertTrue(p.toHandle().destroy()); // SIGTERM to the launcher; it cleans up once the training JVM has ended
        Files.writeString(dir.resolve("release-training"), "");
        Outcome o = finish(p);

        assertEquals(143, o.code(), o.err());
        assertEquals(List.of(), trainingDirs());
        assertEquals(1, calls().size(), "the command does not run: " + calls());
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(file)) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + file);
            Thread.sleep(20);
        }
    }
}
