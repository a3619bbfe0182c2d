package io.vieweratlas.examples;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The BOM must list every published module of the build, so "depend via the BOM" never misses one. */
class BomTest {
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>(vieweratlas-[a-z0-9-]+)</artifactId>");

    @Test
    void bomManagesEveryPublishedModule() throws Exception {
        Path root = Path.of("..");
        TreeSet<String> published = new TreeSet<>();
        Matcher m = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
        while (m.find()) {
            String pom = Files.readString(root.resolve(m.group(1)).resolve("pom.xml"));
            String withoutParent = pom.replaceFirst("(?s)<parent>.*?</parent>", "");
            Matcher a = ARTIFACT.matcher(withoutParent);
            a.find();
            published.add(a.group(1));
        }
        published.remove("vieweratlas-bom");
        published.remove("vieweratlas-examples"); // run, not published
        String bom = Files.readString(root.resolve("vieweratlas-bom/pom.xml"));
        List<String> managed = new ArrayList<>();
        Matcher b = ARTIFACT.matcher(bom.substring(bom.indexOf("<dependencyManagement>")));
        while (b.find()) {
            managed.add(b.group(1));
        }
        assertEquals(published, new TreeSet<>(managed));
        assertEquals(managed.size(), new TreeSet<>(managed).size(), "a module is listed twice");
    }
}
