package io.vieweratlas.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.port.GraphExporter;
import io.vieweratlas.export.layout.LayoutOptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphFileExportersTest {

    private final LayoutSource layout = new LayoutSource(LayoutOptions.defaults(42));

    static byte[] bytes(GraphExporter e, AnalysisResult r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        e.write(r, out);
        return out.toByteArray();
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static Map<String, String> attvalues(Element node, String ns) {
        Map<String, String> m = new HashMap<>();
        NodeList values = node.getElementsByTagNameNS(ns, "attvalue");
        for (int i = 0; i < values.getLength(); i++) {
            Element v = (Element) values.item(i);
            m.put(v.getAttribute("for"), v.getAttribute("value"));
        }
        return m;
    }

    @Test
    void gexfParsesBackWithAttributesAndViz() throws Exception {
        AnalysisResult r = Fixtures.small();
        Document doc = parse(bytes(new GexfExporter(layout), r));
        Element root = doc.getDocumentElement();
        assertEquals("gexf", root.getLocalName());
        assertEquals(GexfExporter.NS, root.getNamespaceURI());
        assertEquals("1.3", root.getAttribute("version"));
        Element graph = (Element) root.getElementsByTagNameNS(GexfExporter.NS, "graph").item(0);
        assertEquals("undirected", graph.getAttribute("defaultedgetype"));
        NodeList declared = root.getElementsByTagNameNS(GexfExporter.NS, "attribute");
        Map<String, String> types = new HashMap<>();
        for (int i = 0; i < declared.getLength(); i++) {
            Element a = (Element) declared.item(i);
            types.put(a.getAttribute("id"), a.getAttribute("type"));
        }
        assertEquals("integer", types.get("community"));
        assertEquals("string", types.get("label"));
        NodeList nodes = root.getElementsByTagNameNS(GexfExporter.NS, "node");
        assertEquals(5, nodes.getLength());
        Element alpha = (Element) nodes.item(0);
        assertEquals("alpha", alpha.getAttribute("id"));
        Map<String, String> av = attvalues(alpha, GexfExporter.NS);
        assertEquals("0", av.get("community"));
        assertEquals("Chess (en)", av.get("label"));
        assertEquals("Title with <b> & \"quotes\" ", av.get("title"), "escaped, control character dropped");
        Element color = (Element) alpha.getElementsByTagNameNS(GexfExporter.VIZ_NS, "color").item(0);
        int rgb = Palette.rgb(0);
        assertEquals(Integer.toString(rgb >> 16 & 0xFF), color.getAttribute("r"));
        Element pos = (Element) alpha.getElementsByTagNameNS(GexfExporter.VIZ_NS, "position").item(0);
        assertEquals(-layout.apply(r).require("alpha").y(), Double.parseDouble(pos.getAttribute("y")), 0.006);
        Element size = (Element) alpha.getElementsByTagNameNS(GexfExporter.VIZ_NS, "size").item(0);
        assertEquals(40.0, Double.parseDouble(size.getAttribute("value")), 1e-9, "largest audience, largest size");
        Element echo = (Element) nodes.item(4);
        assertEquals("-1", attvalues(echo, GexfExporter.NS).get("community"));
        NodeList edges = root.getElementsByTagNameNS(GexfExporter.NS, "edge");
        assertEquals(4, edges.getLength());
        Element e1 = (Element) edges.item(1);
        assertEquals("alpha", e1.getAttribute("source"));
        assertEquals("charlie", e1.getAttribute("target"));
        assertEquals("2.5", e1.getAttribute("weight"));
        assertEquals("3", attvalues(e1, GexfExporter.NS).get("shared"));
        String charlieTitle = attvalues((Element) nodes.item(2), GexfExporter.NS).get("title");
        assertEquals("\u00dcberraschung \ud83d\ude00", charlieTitle, "non-ASCII and emoji survive");
    }

    @Test
    void graphmlDeclaresTypedKeysAndParsesBack() throws Exception {
        AnalysisResult r = Fixtures.small();
        Document doc = parse(bytes(new GraphmlExporter(layout), r));
        Element root = doc.getDocumentElement();
        assertEquals(GraphmlExporter.NS, root.getNamespaceURI());
        NodeList keys = root.getElementsByTagNameNS(GraphmlExporter.NS, "key");
        Map<String, String> types = new HashMap<>();
        for (int i = 0; i < keys.getLength(); i++) {
            Element k = (Element) keys.item(i);
            assertEquals(k.getAttribute("id"), k.getAttribute("attr.name"));
            types.put(k.getAttribute("for") + ":" + k.getAttribute("id"), k.getAttribute("attr.type"));
        }
        assertEquals("int", types.get("node:community"));
        assertEquals("double", types.get("node:x"));
        assertEquals("double", types.get("edge:weight"));
        assertEquals("int", types.get("edge:shared"));
        Element graph = (Element) root.getElementsByTagNameNS(GraphmlExporter.NS, "graph").item(0);
        assertEquals("undirected", graph.getAttribute("edgedefault"));
        NodeList nodes = root.getElementsByTagNameNS(GraphmlExporter.NS, "node");
        assertEquals(5, nodes.getLength());
        Element delta = (Element) nodes.item(3);
        Map<String, String> data = new HashMap<>();
        NodeList d = delta.getElementsByTagNameNS(GraphmlExporter.NS, "data");
        for (int i = 0; i < d.getLength(); i++) {
            Element e = (Element) d.item(i);
            data.put(e.getAttribute("key"), e.getTextContent());
        }
        assertEquals("1", data.get("community"));
        assertEquals("</script><script>alert(1)</script>", data.get("title"));
        assertEquals(Palette.hex(1), data.get("color"));
        assertEquals(layout.apply(r).require("delta").x(), Double.parseDouble(data.get("x")), 0.006);
        for (String key : data.keySet()) {
            assertTrue(types.containsKey("node:" + key), "data key declared: " + key);
        }
        assertEquals(4, root.getElementsByTagNameNS(GraphmlExporter.NS, "edge").getLength());
    }

    @Test
    void nodeLinkJsonHasNetworkxShape() throws Exception {
        AnalysisResult r = Fixtures.small();
        JsonNode json = new ObjectMapper().readTree(bytes(new NodeLinkJsonExporter(layout), r));
        assertEquals(false, json.get("directed").asBoolean());
        assertEquals(false, json.get("multigraph").asBoolean());
        assertTrue(json.get("graph").isObject());
        assertEquals(5, json.get("nodes").size());
        assertEquals(4, json.get("links").size());
        JsonNode alpha = json.get("nodes").get(0);
        assertEquals("alpha", alpha.get("id").asText());
        assertEquals(0, alpha.get("community").asInt());
        assertEquals(layout.apply(r).require("alpha").x(), alpha.get("x").asDouble(), 1e-9);
        JsonNode link = json.get("links").get(2);
        assertEquals("charlie", link.get("source").asText());
        assertEquals("delta", link.get("target").asText());
        assertEquals(25, link.get("shared").asInt());
        assertEquals(25.0, link.get("weight").asDouble());
    }

    @Test
    void outputsAreByteIdenticalAcrossRunsAndFreshLayouts() throws Exception {
        AnalysisResult r = Fixtures.planted(400, 6, 6, 3);
        LayoutSource other = new LayoutSource(LayoutOptions.defaults(42));
        assertArrayEquals(bytes(new GexfExporter(layout), r), bytes(new GexfExporter(other), r));
        assertArrayEquals(bytes(new GraphmlExporter(layout), r), bytes(new GraphmlExporter(other), r));
        assertArrayEquals(bytes(new NodeLinkJsonExporter(layout), r), bytes(new NodeLinkJsonExporter(other), r));
    }

    @Test
    void emptyGraphExportsAreWellFormed() throws Exception {
        AnalysisResult r = Fixtures.result(java.util.List.of(), java.util.List.of(), java.util.List.of());
        assertEquals(0, parse(bytes(new GexfExporter(layout), r)).getElementsByTagNameNS(GexfExporter.NS, "node")
                .getLength());
        assertEquals(0, parse(bytes(new GraphmlExporter(layout), r))
                .getElementsByTagNameNS(GraphmlExporter.NS, "node").getLength());
        assertEquals(0, new ObjectMapper().readTree(bytes(new NodeLinkJsonExporter(layout), r)).get("nodes").size());
    }
}
