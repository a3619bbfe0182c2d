package io.vieweratlas.runners.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SynthCommandTest {

    private static final String[] SPEC = {"--channels", "45", "--communities", "4", "--viewers", "3000",
        "--snapshots", "2", "--bots", "--seed", "5"};

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(Path out, String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        cli.setOut(new PrintWriter(o));
        cli.setErr(new PrintWriter(e));
        List<String> all = new ArrayList<>(List.of("synth", "--out", out.toString()));
        all.addAll(List.of(args));
        int code = cli.execute(all.toArray(String[]::new));
        return new Result(code, o.toString(), e.toString());
    }

    /** Every regular file below {@code root} by relative path, with its bytes. */
    private static TreeMap<String, byte[]> files(Path root) throws IOException {
        TreeMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    @Test
    void twoRunsGiveByteIdenticalLakesInTheOriginalsLayout() throws IOException {
        Result first = run(dir.resolve("a"), SPEC);
        // A different number of writer threads must not change a byte either.
        List<String> oneThread = new ArrayList<>(List.of(SPEC));
        oneThread.addAll(List.of("--threads", "1"));
        Result second = run(dir.resolve("b"), oneThread.toArray(String[]::new));
        assertEquals(0, first.code(), first.err());
        assertEquals(0, second.code(), second.err());
        assertTrue(first.out().contains("90 written"), first.out());

        TreeMap<String, byte[]> a = files(dir.resolve("a"));
        TreeMap<String, byte[]> b = files(dir.resolve("b"));
        // The run record says when the run happened, so it is the one file that differs by design.
        List<String> runRecords = a.keySet().stream().filter(k -> k.startsWith("runs/")).toList();
        assertEquals(1, runRecords.size(), a.keySet().toString());
        assertTrue(runRecords.get(0).matches("runs/synth/\\d{8}T\\d{6}\\.\\d{3}Z\\.json"), runRecords.get(0));
        a.keySet().removeIf(k -> k.startsWith("runs/"));
        b.keySet().removeIf(k -> k.startsWith("runs/"));
        assertEquals(a.keySet(), b.keySet());
        for (String key : a.keySet()) {
            assertArrayEquals(a.get(key), b.get(key), key);
        }

        TreeSet<String> channelsInKeys = new TreeSet<>();
        int snapshots = 0;
        for (String key : a.keySet()) {
            if (key.equals("truth.json")) {
                continue;
            }
            assertTrue(key.matches("raw/snapshots/2026/01/05/[a-z0-9_]{4,25}_20260105_\\d{6}\\.json"), key);
            channelsInKeys.add(key.substring("raw/snapshots/2026/01/05/".length(), key.length() - "_20260105_000000.json".length()));
            snapshots++;
        }
        assertEquals(90, snapshots);

        JsonNode truth = new ObjectMapper().readTree(a.get("truth.json"));
        List<String> truthChannels = new ArrayList<>();
        truth.fieldNames().forEachRemaining(truthChannels::add);
        assertEquals(new ArrayList<>(channelsInKeys), truthChannels, "truth covers every channel, sorted");
        TreeSet<Integer> communities = new TreeSet<>();
        truth.forEach(c -> communities.add(c.intValue()));
        assertEquals(new TreeSet<>(List.of(0, 1, 2, 3)), communities);

        JsonNode snapshot = new ObjectMapper().readTree(a.get(a.firstKey()));
        assertEquals("synthetic", snapshot.get("source").asText());
        assertTrue(snapshot.get("chatters").size() > 5);
        assertFalse(snapshot.get("game_name").asText().isEmpty());
    }

    @Test
    void runRecordCountsWhatWasWritten() throws IOException {
        Path out = dir.resolve("lake");
        assertEquals(0, run(out, SPEC).code());
        Path record;
        try (Stream<Path> records = Files.list(out.resolve("runs/synth"))) {
            record = records.findFirst().orElseThrow();
        }
        JsonNode json = new ObjectMapper().readTree(record.toFile());
        assertEquals("succeeded", json.get("status").asText());
        assertEquals(90, json.get("counts").get("snapshots_written").asLong());
        assertEquals(45, json.get("counts").get("channels").asLong());
        assertTrue(json.get("counts").get("snapshot_bytes").asLong() > 10_000);
        assertEquals("5", json.get("inputs").get("seed").asText());
    }

    @Test
    void rerunIntoTheSameDirectoryChangesNothing() throws IOException {
        Path out = dir.resolve("lake");
        assertEquals(0, run(out, SPEC).code());
        Map<String, byte[]> before = files(out);
        before.keySet().removeIf(k -> k.startsWith("runs/"));
        Result again = run(out, SPEC);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("0 written, 90 already there, 0 conflicting"), again.out());
        Map<String, byte[]> after = files(out);
        after.keySet().removeIf(k -> k.startsWith("runs/"));
        assertEquals(before.keySet(), after.keySet());
    }

    @Test
    void refusesToMixADifferentLakeIn() {
        Path out = dir.resolve("lake");
        assertEquals(0, run(out, SPEC).code());
        List<String> otherSeed = new ArrayList<>(List.of(SPEC));
        otherSeed.set(otherSeed.indexOf("5"), "6");
        Result r = run(out, otherSeed.toArray(String[]::new));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("already holds a different synthetic lake"), r.err());
    }

    @Test
    void refusesALakeItDidNotWrite() throws IOException {
        Path out = dir.resolve("lake");
        Files.createDirectories(out.resolve("raw/snapshots/2024/01/01"));
        Files.writeString(out.resolve("raw/snapshots/2024/01/01/foo_20240101_000000.json"), "{}");
        Result r = run(out, SPEC);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("already holds a lake that synth did not write"), r.err());
    }

    @Test
    void badSpecExitsTwoNamingTheOptionAndWritesNothing() {
        Path out = dir.resolve("never");
        Result r = run(out, "--channels", "30", "--communities", "11", "--viewers", "3000", "--snapshots", "2");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("invalid synthetic lake: communities is 11 but 30 channels allow at most 10"), r.err());
        Result mixing = run(out, "--channels", "30", "--communities", "3", "--viewers", "3000", "--snapshots", "2",
                "--mixing", "1.5");
        assertEquals(2, mixing.code());
        assertTrue(mixing.err().contains("mixing is 1.5"), mixing.err());
        Result snapshots = run(out, "--channels", "30", "--communities", "3", "--viewers", "3000", "--snapshots", "0");
        assertTrue(snapshots.err().contains("snapshots is 0"), snapshots.err());
        Result missing = run(out, "--channels", "30");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--communities"), missing.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void intervalSpreadsEachChannelsSnapshotsOverDays() throws IOException {
        Path out = dir.resolve("daily");
        List<String> daily = new ArrayList<>(List.of(SPEC));
        daily.addAll(List.of("--interval", "1d"));
        Result r = run(out, daily.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        // raw/snapshots/YYYY/MM/DD/<channel>_<time>.json: two snapshots a day apart, in two day folders
        List<String> days;
        try (Stream<Path> walk = Files.walk(out.resolve("raw/snapshots"))) {
            days = walk.filter(Files::isRegularFile).map(p -> out.resolve("raw/snapshots").relativize(p.getParent())
                    .toString().replace('\\', '/')).distinct().sorted().toList();
        }
        assertEquals(2, days.size(), days.toString());
        Result tooLong = run(dir.resolve("never"), "--channels", "30", "--communities", "3", "--viewers", "3000",
                "--snapshots", "2", "--interval", "31d");
        assertEquals(2, tooLong.code());
        assertTrue(tooLong.err().contains("interval"), tooLong.err());
        Result notADuration = run(dir.resolve("never"), "--channels", "30", "--communities", "3", "--viewers", "3000",
                "--snapshots", "2", "--interval", "daily");
        assertEquals(2, notADuration.code());
        assertTrue(notADuration.err().contains("--interval 'daily' is not a duration"), notADuration.err());
    }

    @Test
    void helpExitsZero() {
        CommandLine cli = Main.commandLine();
        StringWriter o = new StringWriter();
        cli.setOut(new PrintWriter(o));
        assertEquals(0, cli.execute("synth", "--help"));
        assertTrue(o.toString().contains("--mixing=MU"), o.toString());
    }
}
