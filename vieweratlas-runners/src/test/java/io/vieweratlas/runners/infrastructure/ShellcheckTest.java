package io.vieweratlas.runners.infrastructure;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every shell script of the project is shellcheck-clean (skipped where shellcheck is not installed). */
class ShellcheckTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static List<Path> scripts() throws Exception {
        List<Path> scripts = new ArrayList<>();
        try (Stream<Path> infra = Files.walk(ROOT.resolve("infrastructure"))) {
            infra.filter(p -> p.toString().endsWith(".sh")).sorted().forEach(scripts::add);
        }
        try (Stream<Path> bin = Files.walk(ROOT.resolve("bin"))) {
            bin.filter(Files::isRegularFile).sorted().forEach(scripts::add);
        }
        scripts.add(ROOT.resolve(".ci/run"));
        scripts.add(ROOT.resolve("vieweratlas-runners/src/test/resources/infrastructure/fake-aws"));
        scripts.add(ROOT.resolve("vieweratlas-runners/src/test/resources/infrastructure/fake-git"));
        return scripts;
    }

    private static boolean shellcheckInstalled() {
        try {
            Process p = new ProcessBuilder("shellcheck", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void allScriptsAreShellcheckClean() throws Exception {
        assumeTrue(shellcheckInstalled(), "shellcheck is not installed (apt-get install shellcheck)");
        List<Path> scripts = scripts();
        assertTrue(scripts.size() >= 10, scripts.toString());
        List<String> command = new ArrayList<>(List.of("shellcheck", "-x", "--severity=style"));
        scripts.forEach(s -> command.add(s.toString()));
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }
}
