package io.vieweratlas.runners.infrastructure;

import io.vieweratlas.core.analysis.AnalysisWindow;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.runners.analysis.AnalysisRequests;
import io.vieweratlas.runners.config.ConfigLoader;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ECS roles (analysis task, collector) run the baked production.yaml with their task environment:
 * their analyses read the last 14 days; a local run without configuration reads all history.
 */
class RollingWindowConfigTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Instant NOW = Instant.parse("2026-12-07T00:30:00Z");

    private static ViewerAtlasConfig resolve(Optional<Path> file, Map<String, String> env) {
        return new ConfigLoader(env).load(file, Optional.empty(), Map.of()).config();
    }

    @Test
    void theRolesReadTheLastFourteenDaysAndALocalRunAllHistory() {
        for (String role : new String[] {"analysis", "collector"}) {
            // the environment of the task definitions (infrastructure/aws/task-definitions/*.json)
            ViewerAtlasConfig config = resolve(Optional.of(ROOT.resolve("infrastructure/docker/production.yaml")),
                    Map.of("STORAGE_TYPE", "s3", "S3_BUCKET", "bucket", "S3_PREFIX", "vieweratlas/",
                            "S3_REGION", "us-east-1", "VIEWERATLAS_ROLE", role));
            assertEquals(14, config.analysis().overTime().windowDays(), role);
            assertEquals(AnalysisWindow.range(TimeRange.between(Instant.parse("2026-11-23T00:30:00Z"),
                    Instant.parse("2026-12-07T01:30:00Z"))), AnalysisRequests.window(config, NOW), role);
            assertEquals("last 14 days (analysis.window_days)", AnalysisRequests.describeWindow(config));
        }
        ViewerAtlasConfig local = resolve(Optional.empty(), Map.of());
        assertEquals(0, local.analysis().overTime().windowDays());
        assertEquals(AnalysisWindow.ALL, AnalysisRequests.window(local, NOW));
        ViewerAtlasConfig configured = resolve(Optional.empty(), Map.of("ANALYSIS_WINDOW_DAYS", "3"));
        assertEquals(3, configured.analysis().overTime().windowDays(), "settable from the environment too");
    }
}
