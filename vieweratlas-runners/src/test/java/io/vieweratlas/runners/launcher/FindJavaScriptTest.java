package io.vieweratlas.runners.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/lib/find-java.sh, which bin/vieweratlas, mvnw and .ci/run use to pick a JDK >= 21. */
class FindJavaScriptTest {

    private static final Path SCRIPT = Path.of("..", "bin", "lib", "find-java.sh").toAbsolutePath().normalize();

    @TempDir
    Path jvms;

    record Outcome(int code, String out, String err) {
    }

    private void fakeJdk(String name, String version) throws IOException {
        Path home = jvms.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        for (String tool : List.of("java", "javac")) {
            Path exe = home.resolve("bin").resolve(tool);
            Files.writeString(exe, "#!/bin/sh\necho 'openjdk version \"" + version + "\"' >&2\n");
            Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    }

    private Outcome select(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c",
                ". \"$1\" && va_select_java && echo \"$JAVA_HOME\"", "sh", SCRIPT.toString());
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("VIEWERATLAS_JVM_DIR", jvms.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return new Outcome(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim(),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }

    @Test
    void picksTheNewestJdkAtLeast21WhenJavaHomeIsUnset() throws Exception {
        fakeJdk("java-17-openjdk", "17.0.15");
        fakeJdk("temurin-21", "21.0.5");
        fakeJdk("temurin-25", "25.0.3");
        Outcome o = select(Map.of());
        assertEquals(0, o.code(), o.err());
        assertEquals(jvms.resolve("temurin-25").toString(), o.out());
    }

    @Test
    void keepsJavaHomeWhenItIsNewEnough() throws Exception {
        fakeJdk("temurin-21", "21.0.5");
        fakeJdk("temurin-25", "25.0.3");
        Outcome o = select(Map.of("JAVA_HOME", jvms.resolve("temurin-21").toString()));
        assertEquals(jvms.resolve("temurin-21").toString(), o.out());
    }

    @Test
    void skipsAnOldJavaHome() throws Exception {
        fakeJdk("java-17-openjdk", "17.0.15");
        fakeJdk("temurin-22", "22");
        Outcome o = select(Map.of("JAVA_HOME", jvms.resolve("java-17-openjdk").toString()));
        assertEquals(jvms.resolve("temurin-22").toString(), o.out());
    }

    @Test
    void failsClearlyWhenNoJdk21Exists() throws Exception {
        fakeJdk("java-17-openjdk", "17.0.15");
        Outcome o = select(Map.of());
        assertEquals(1, o.code());
        assertTrue(o.err().contains("no JDK >= 21 found"), o.err());
        assertTrue(o.err().contains("Set JAVA_HOME"), o.err());
    }
}
