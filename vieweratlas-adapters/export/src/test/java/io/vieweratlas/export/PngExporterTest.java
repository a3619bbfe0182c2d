package io.vieweratlas.export;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.export.layout.LayoutOptions;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PngExporterTest {

    @Test
    void rendersAPngWithCommunityColoursAndIsDeterministic() throws Exception {
        AnalysisResult r = Fixtures.planted(600, 12, 6, 5);
        LayoutSource layout = new LayoutSource(LayoutOptions.defaults(42));
        PngExporter png = new PngExporter(layout, 2000, 20, 20_000);
        long t0 = System.nanoTime();
        byte[] bytes = GraphFileExportersTest.bytes(png, r);
        System.out.printf("png 2000x2000, 600 nodes: %.0f ms, %d bytes%n", (System.nanoTime() - t0) / 1e6,
                bytes.length);
        Path target = Path.of("target", "community_graph.png");
        Files.createDirectories(target.getParent());
        Files.write(target, bytes);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
        assertEquals(2000, img.getWidth());
        assertEquals(2000, img.getHeight());
        // The colours of the first communities appear in the picture (nodes and legend).
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                seen.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        for (int c = 0; c < 12; c++) {
            assertTrue(seen.contains(Palette.rgb(c)), "community " + c + " colour present");
        }
        assertTrue(seen.contains(Palette.UNASSIGNED), "unassigned grey present");
        assertArrayEquals(bytes, GraphFileExportersTest.bytes(new PngExporter(layout, 2000, 20, 20_000), r));
    }

    @Test
    void encodedPictureIsExactlyTheRenderedImage() throws Exception {
        AnalysisResult r = Fixtures.planted(400, 9, 6, 8);
        PngExporter png = new PngExporter(new LayoutSource(LayoutOptions.defaults(3)), 900, 10, 5_000);
        BufferedImage rendered = png.render(r);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(GraphFileExportersTest.bytes(png, r)));
        int w = rendered.getWidth();
        int h = rendered.getHeight();
        assertEquals(w, decoded.getWidth());
        assertEquals(h, decoded.getHeight());
        assertArrayEquals(rendered.getRGB(0, 0, w, h, null, 0, w), decoded.getRGB(0, 0, w, h, null, 0, w));
        // Odd sizes and a one-pixel image round-trip too (row filters at the edges).
        for (int[] size : new int[][]{{1, 1}, {7, 3}, {130, 257}}) {
            BufferedImage img = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
            java.util.SplittableRandom random = new java.util.SplittableRandom(size[0]);
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    img.setRGB(x, y, (x + y) % 5 == 0 ? random.nextInt() : 0x101318);
                }
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            PngEncoder.write(img, out, 3);
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
            assertArrayEquals(img.getRGB(0, 0, size[0], size[1], null, 0, size[0]),
                    back.getRGB(0, 0, size[0], size[1], null, 0, size[0]), size[0] + "x" + size[1]);
        }
    }

    @Test
    void smallAndEmptyGraphsRender() throws Exception {
        LayoutSource layout = new LayoutSource(LayoutOptions.defaults(1));
        PngExporter png = new PngExporter(layout, 800, 5, 100);
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(GraphFileExportersTest.bytes(png, Fixtures.small())));
        assertEquals(800, small.getWidth());
        AnalysisResult empty = Fixtures.result(java.util.List.of(), java.util.List.of(), java.util.List.of());
        assertEquals(800, ImageIO.read(new ByteArrayInputStream(GraphFileExportersTest.bytes(png, empty))).getHeight());
    }

    @Test
    void rejectsBadOptions() {
        LayoutSource layout = new LayoutSource(LayoutOptions.defaults(1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PngExporter(layout, 100, 5, 10))
                .getMessage().contains("100"));
        assertThrows(IllegalArgumentException.class, () -> new PngExporter(layout, 1000, -1, 10));
    }
}
