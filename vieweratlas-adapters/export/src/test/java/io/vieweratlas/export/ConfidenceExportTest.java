package io.vieweratlas.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.port.GraphExporter;
import io.vieweratlas.export.layout.LayoutOptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.vieweratlas.export.GraphFileExportersTest.bytes;
import static io.vieweratlas.export.GraphFileExportersTest.parse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-channel confidence from a stability run in the graph exports, and its absence without one. */
class ConfidenceExportTest {

    private final LayoutSource layout = new LayoutSource(LayoutOptions.defaults(42));
    /** Level 0.5: bravo and delta are flagged; echo (unassigned) has no confidence. */
    private final NodeAnnotations confidence = NodeAnnotations.confidence(
            Map.of("alpha", 1.0, "bravo", 0.25, "charlie", 0.9, "delta", 0.4), 0.5);

    /** Attribute values per node id, from GEXF attvalue or GraphML data elements. */
    private static Map<String, Map<String, String>> values(byte[] xml, String ns, String element, String keyAttr,
                                                           boolean textContent) throws Exception {
        NodeList nodes = parse(xml).getElementsByTagNameNS(ns, "node");
        Map<String, Map<String, String>> all = new HashMap<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element n = (Element) nodes.item(i);
            Map<String, String> m = new HashMap<>();
            NodeList vs = n.getElementsByTagNameNS(ns, element);
            for (int j = 0; j < vs.getLength(); j++) {
                Element v = (Element) vs.item(j);
                m.put(v.getAttribute(keyAttr), textContent ? v.getTextContent() : v.getAttribute("value"));
            }
            all.put(n.getAttribute("id"), m);
        }
        return all;
    }

    private static Map<String, String> declared(byte[] xml, String ns, String element, String typeAttr)
            throws Exception {
        NodeList list = parse(xml).getElementsByTagNameNS(ns, element);
        Map<String, String> types = new HashMap<>();
        for (int i = 0; i < list.getLength(); i++) {
            Element a = (Element) list.item(i);
            types.put(a.getAttribute("id"), a.getAttribute(typeAttr));
        }
        return types;
    }

    @Test
    void gexfDeclaresAndCarriesConfidence() throws Exception {
        byte[] xml = bytes(new GexfExporter(layout, confidence), Fixtures.small());
        Map<String, String> types = declared(xml, GexfExporter.NS, "attribute", "type");
        assertEquals("double", types.get("confidence"));
        assertEquals("boolean", types.get("low_confidence"));
        Map<String, Map<String, String>> v = values(xml, GexfExporter.NS, "attvalue", "for", false);
        assertEquals(1.0, Double.parseDouble(v.get("alpha").get("confidence")));
        assertEquals("false", v.get("alpha").get("low_confidence"));
        assertEquals(0.25, Double.parseDouble(v.get("bravo").get("confidence")));
        assertEquals("true", v.get("bravo").get("low_confidence"));
        assertEquals("true", v.get("delta").get("low_confidence"));
        assertFalse(v.get("echo").containsKey("confidence"), "unassigned channel has no confidence");
        assertFalse(v.get("echo").containsKey("low_confidence"));
        assertEquals("-1", v.get("echo").get("community"));
    }

    @Test
    void graphmlDeclaresTypedKeysAndCarriesConfidence() throws Exception {
        byte[] xml = bytes(new GraphmlExporter(layout, confidence), Fixtures.small());
        Map<String, String> types = declared(xml, GraphmlExporter.NS, "key", "attr.type");
        assertEquals("double", types.get("confidence"));
        assertEquals("boolean", types.get("low_confidence"));
        Map<String, Map<String, String>> v = values(xml, GraphmlExporter.NS, "data", "key", true);
        assertEquals(0.9, Double.parseDouble(v.get("charlie").get("confidence")));
        assertEquals("false", v.get("charlie").get("low_confidence"));
        assertEquals(0.4, Double.parseDouble(v.get("delta").get("confidence")));
        assertEquals("true", v.get("delta").get("low_confidence"));
        assertFalse(v.get("echo").containsKey("confidence"));
        for (Map<String, String> node : v.values()) {
            for (String key : node.keySet()) {
                assertTrue(types.containsKey(key), "data key declared: " + key);
            }
        }
    }

    @Test
    void nodeLinkJsonCarriesConfidence() throws Exception {
        JsonNode nodes = new ObjectMapper().readTree(bytes(new NodeLinkJsonExporter(layout, confidence),
                Fixtures.small())).get("nodes");
        assertEquals("bravo", nodes.get(1).get("id").asText());
        assertEquals(0.25, nodes.get(1).get("confidence").asDouble());
        assertTrue(nodes.get(1).get("low_confidence").isBoolean());
        assertTrue(nodes.get(1).get("low_confidence").asBoolean());
        assertEquals(1.0, nodes.get(0).get("confidence").asDouble());
        assertFalse(nodes.get(0).get("low_confidence").asBoolean());
        assertFalse(nodes.get(4).has("confidence"), "echo is unassigned");
        assertFalse(nodes.get(4).has("low_confidence"));
    }

    @Test
    void withoutConfidenceTheFilesAreUnchanged() throws Exception {
        AnalysisResult r = Fixtures.small();
        List<List<GraphExporter>> pairs = List.of(
                List.of(new GexfExporter(layout), new GexfExporter(layout, NodeAnnotations.none())),
                List.of(new GraphmlExporter(layout), new GraphmlExporter(layout, NodeAnnotations.none())),
                List.of(new NodeLinkJsonExporter(layout), new NodeLinkJsonExporter(layout, NodeAnnotations.none())),
                List.of(new HtmlExporter(layout), new HtmlExporter(layout, NodeAnnotations.none())));
        for (List<GraphExporter> p : pairs) {
            byte[] plain = bytes(p.get(0), r);
            assertArrayEquals(plain, bytes(p.get(1), r), p.get(0).fileName());
            String text = new String(plain, StandardCharsets.UTF_8);
            assertFalse(text.contains("confidence"), p.get(0).fileName() + " mentions no confidence");
        }
        List<GraphExporter> a = Exporters.of(ExportOptions.defaults(42));
        List<GraphExporter> b = Exporters.of(ExportOptions.defaults(42), NodeAnnotations.none());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(bytes(a.get(i), r), bytes(b.get(i), r), a.get(i).fileName());
        }
    }

    @Test
    void exportersPassTheAnnotationsOn() throws Exception {
        AnalysisResult r = Fixtures.small();
        for (GraphExporter e : Exporters.of(ExportOptions.defaults(42), confidence)) {
            if (!e.fileName().endsWith(".png")) {
                assertTrue(new String(bytes(e, r), StandardCharsets.UTF_8).contains("confidence"), e.fileName());
            }
        }
    }

    @Test
    void explorerEmbedsConfidenceAndTheLowConfidenceMarker() throws Exception {
        String page = new String(bytes(new HtmlExporter(layout, confidence), Fixtures.small()),
                StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<script id=\"atlas-data\" type=\"application/json\">(.*?)</script>",
                Pattern.DOTALL).matcher(page);
        assertTrue(m.find());
        JsonNode data = new ObjectMapper().readTree(m.group(1));
        assertEquals(0.5, data.get("confidenceLevel").asDouble());
        JsonNode q = data.get("nodes").get("q");
        JsonNode lq = data.get("nodes").get("lq");
        assertEquals(5, q.size());
        assertEquals(0.25, q.get(1).asDouble());
        assertTrue(q.get(4).isNull(), "unassigned: no confidence");
        assertEquals(List.of(0, 1, 0, 1, 0), List.of(lq.get(0).asInt(), lq.get(1).asInt(), lq.get(2).asInt(),
                lq.get(3).asInt(), lq.get(4).asInt()));
        // The script draws the dashed ring, shows the value and adds the legend note; markers are gone.
        assertTrue(page.contains("setLineDash([3, 3])"));
        assertTrue(page.contains("'Confidence'"));
        assertTrue(page.contains("confidencenote"));
        assertFalse(page.contains("//<confidence") || page.contains("//confidence>"));
        assertFalse(page.contains("/*__"));
    }

    @Test
    void annotationsRejectValuesOutsideTheUnitInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NodeAnnotations.confidence(Map.of("alpha", 1.5), 0.5));
        assertTrue(e.getMessage().contains("alpha"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NodeAnnotations.confidence(Map.of("a", Double.NaN), 0.5));
        assertThrows(IllegalArgumentException.class, () -> NodeAnnotations.confidence(Map.of(), -0.1));
        assertFalse(NodeAnnotations.none().hasConfidence());
        assertFalse(confidence.lowConfidence("echo"));
        assertTrue(confidence.confidenceOf("echo").isEmpty());
    }
}
