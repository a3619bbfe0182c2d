package io.vieweratlas.runners.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigResolverTest {

    @Test
    void defaultsAreValidAndMatchTheOriginalSections() {
        ViewerAtlasConfig c = ViewerAtlasConfig.defaults(Preset.DEFAULT);
        assertEquals("community_analysis", c.analysis().outputDir());
        // the schema's defaults are the core's
        assertEquals(io.vieweratlas.core.analysis.AnalysisParameters.DEFAULT_RESOLUTION, c.analysis().resolution());
        assertEquals(2.0, c.analysis().resolution());
        assertEquals(io.vieweratlas.core.analysis.Weighting.JACCARD, c.analysis().parameters().weighting());
        assertEquals(StorageType.FILE, c.storage().type());
        assertEquals(60, c.vod().bucketLenS());
        assertTrue(c.analysis().bots().contains("nightbot"));
    }

    @Test
    void presetsSetTheirValuesAndAFileOnlyOverridesWhatItNames() {
        ViewerAtlasConfig c = new ConfigResolver(Preset.RIGOROUS)
                .layer(new ConfigLayer("f.yaml", Map.of("analysis", Map.of("resolution", 1.5))))
                .resolve();
        assertEquals(300, c.analysis().overlapThreshold());
        assertEquals(10, c.analysis().minChannelViewers());
        assertEquals(10, c.analysis().minCommunitySize());
        assertEquals(1.5, c.analysis().resolution());
        assertEquals("preset rigorous", c.origins().get("analysis.overlap_threshold"));
        assertEquals("f.yaml", c.origins().get("analysis.resolution"));
        assertEquals(2.0, ViewerAtlasConfig.defaults(Preset.EXPLORER).analysis().resolution());
    }

    @Test
    void everyProblemIsReportedWithKeyValueOriginAndAllowedValues() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigResolver(Preset.DEFAULT)
                .layer(new ConfigLayer("f.yaml", Map.of(
                        "analysis", Map.of("overlap_treshold", 3, "resolution", -1, "weighting", "cosine"),
                        "collection", Map.of("top_channels_limit", "many"),
                        "nonsense", Map.of("a", 1)),
                        Map.of("analysis.overlap_treshold", "f.yaml:3")))
                .resolve());
        List<String> p = e.problems();
        assertEquals(5, p.size(), p.toString());
        String unknown = p.stream().filter(s -> s.contains("overlap_treshold")).findFirst().orElseThrow();
        assertTrue(unknown.startsWith("f.yaml:3: unknown key 'analysis.overlap_treshold' (known keys in analysis: "
                + "output_dir, overlap_threshold, min_community_size, resolution, "), unknown);
        // the message lists every key of the section, so a typo can be matched by eye
        ConfigSchema.settings().values().stream().filter(s -> s.section().equals("analysis"))
                .forEach(s -> assertTrue(unknown.contains(s.path().substring("analysis.".length())), s.path()));
        assertTrue(p.stream().anyMatch(s -> s.contains("'analysis.resolution' has value '-1': out of range")
                && s.contains("from 1.0E-4 to 1000.0")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("'analysis.weighting' has value 'cosine'")
                && s.contains("allowed: shared, jaccard, overlap, significance")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("'collection.top_channels_limit' has value 'many': expected a whole number")),
                p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("unknown section 'nonsense'")), p.toString());
    }

    @Test
    void theAnalysisDefaultsAreTheParametersDefaults() {
        assertEquals(io.vieweratlas.core.analysis.AnalysisParameters.defaults(),
                ViewerAtlasConfig.defaults(Preset.DEFAULT).analysis().parameters());
    }

    @Test
    void theRedactedMapHoldsEveryKeyOfTheSchema() {
        Map<String, Object> map = ViewerAtlasConfig.defaults(Preset.DEFAULT).toRedactedMap();
        for (String path : ConfigSchema.settings().keySet()) {
            int dot = path.indexOf('.');
            boolean present = dot < 0 ? map.containsKey(path)
                    : map.get(path.substring(0, dot)) instanceof Map<?, ?> section
                    && section.containsKey(path.substring(dot + 1));
            assertTrue(present, path + " is missing from the run record's configuration");
        }
    }
}
