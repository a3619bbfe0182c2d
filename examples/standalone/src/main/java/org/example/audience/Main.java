package org.example.audience;

import io.vieweratlas.core.ViewerAtlas;
import io.vieweratlas.core.analysis.Weighting;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.Community;
import io.vieweratlas.lake.Lakes;

import java.nio.file.Path;
import java.time.Duration;

/** Analyses the last day of a lake and prints its communities. */
public final class Main {
    public static void main(String[] args) {
        Path lake = Path.of(args.length > 0 ? args[0] : "data");
        AnalysisResult result = ViewerAtlas.analysis()
                .source(Lakes.openDirectory(lake))
                .window(Duration.ofDays(1))
                .weighting(Weighting.JACCARD)
                .leiden(1.0, 42)
                .threshold(5)
                .run();
        System.out.printf("%d channels, %d communities, modularity %.3f%n", result.nodes().size(),
                result.communities().size(), result.statistics().detection().modularity());
        for (Community c : result.communities()) {
            System.out.println(c.label() + " (" + c.size() + "): " + String.join(", ", c.topChannels()));
        }
    }
}
