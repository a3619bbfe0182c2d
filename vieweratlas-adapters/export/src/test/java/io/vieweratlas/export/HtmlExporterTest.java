package io.vieweratlas.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.export.layout.LayoutOptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlExporterTest {

    private final LayoutSource layout = new LayoutSource(LayoutOptions.defaults(42));

    private static String embeddedJson(String page) {
        Matcher m = Pattern.compile("<script id=\"atlas-data\" type=\"application/json\">(.*?)</script>", Pattern.DOTALL)
                .matcher(page);
        assertTrue(m.find(), "data script present");
        return m.group(1);
    }

    @Test
    void pageIsSelfContainedAndEmbedsEscapedData() throws Exception {
        AnalysisResult r = Fixtures.small();
        String page = new String(GraphFileExportersTest.bytes(new HtmlExporter(layout), r), StandardCharsets.UTF_8);
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        // Offline: no external resources of any kind.
        assertFalse(page.matches("(?s).*\\b(src|href)\\s*=.*"), "no src/href attributes");
        assertFalse(page.contains("http://") || page.contains("https://"), "no URLs");
        assertFalse(page.contains("/*__"), "all placeholders replaced");
        // The hostile title cannot close the data script: exactly the template's script elements exist.
        assertEquals(2, page.split("</script>", -1).length - 1);
        JsonNode data = new ObjectMapper().readTree(embeddedJson(page));
        assertEquals(5, data.get("nodes").get("id").size());
        assertEquals("</script><script>alert(1)</script>", data.get("nodes").get("t").get(3).asText());
        assertEquals(4, data.get("edges").get("s").size());
        assertEquals(3, data.get("edges").get("n").get(1).asInt());
        assertEquals(0, data.get("edges").get("s").get(1).asInt());
        assertEquals(2, data.get("edges").get("t").get(1).asInt());
        JsonNode communities = data.get("communities");
        assertEquals(3, communities.size(), "two communities and the unassigned group");
        assertEquals(-1, communities.get(2).get("id").asInt());
        assertEquals(Palette.hex(1), communities.get(1).get("color").asText());
    }

    @Test
    void pageIsDeterministic() throws Exception {
        AnalysisResult r = Fixtures.planted(300, 5, 5, 9);
        assertArrayEquals(GraphFileExportersTest.bytes(new HtmlExporter(layout), r),
                GraphFileExportersTest.bytes(new HtmlExporter(new LayoutSource(LayoutOptions.defaults(42))), r));
    }
}
