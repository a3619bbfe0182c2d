package io.vieweratlas.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareWindowsTest {

    /** Surefire runs in the module directory. */
    private static final Path LAKE = Path.of("sample-data");
    private static final Path SCRIPT = Path.of("scripts/compare-windows.java");

    @Test
    void printsATableComparingTheTwoHalvesOfTheSampleLake() {
        Output out = new Output();
        CompareWindows.run(LAKE, out.stream);
        String text = out.text();
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).startsWith("window "), text);
        assertTrue(lines.get(1).startsWith("first  2026-01-05T"), text);
        assertTrue(lines.get(2).startsWith("second 2026-01-05T"), text);
        assertTrue(text.contains("channels per community\n  first:  "), text);
        Matcher nmi = Pattern.compile("NMI\\(first, second\\) on those channels: ([0-9.]+)").matcher(text);
        assertTrue(nmi.find(), text);
        double value = Double.parseDouble(nmi.group(1));
        // The sample lake plants 8 stable communities: the two halves must largely agree.
        assertTrue(value > 0.5 && value <= 1.0, "NMI " + value);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("first-half community")), text);
        // Both halves see every one of the 300 channels.
        Matcher both = Pattern.compile("channels assigned in both windows: (\\d+)").matcher(text);
        assertTrue(both.find(), text);
        assertTrue(Integer.parseInt(both.group(1)) > 200, text);
    }

    @Test
    void theJbangScriptCompilesAndPrintsTheSameTable(@TempDir Path classes) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), SCRIPT.toString());
        assertEquals(0, rc, diagnostics.toString(StandardCharsets.UTF_8));
        String fromScript;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Method main = loader.loadClass("CompareWindowsScript").getMethod("main", String[].class);
            main.setAccessible(true); // JBang scripts declare a package-private class
            PrintStream saved = System.out;
            Output out = new Output();
            System.setOut(out.stream);
            try {
                main.invoke(null, (Object) new String[] {LAKE.toString()});
            } finally {
                System.setOut(saved);
            }
            fromScript = out.text();
        }
        Output fromClass = new Output();
        CompareWindows.run(LAKE, fromClass.stream);
        assertEquals(fromClass.text(), fromScript);
        assertTrue(Files.readString(SCRIPT).contains("//DEPS io.vieweratlas:vieweratlas-lake:0.1.0-SNAPSHOT"));
    }
}
