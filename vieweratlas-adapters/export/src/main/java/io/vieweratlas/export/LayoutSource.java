package io.vieweratlas.export;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.export.layout.ForceAtlas2;
import io.vieweratlas.export.layout.GraphLayout;
import io.vieweratlas.export.layout.LayoutOptions;

import java.util.Objects;
import java.util.function.Function;

/**
 * Computes the layout of a result once and shares it between the exporters that need positions:
 * remembers the layout of the last result it saw (by identity).
 */
public final class LayoutSource implements Function<AnalysisResult, GraphLayout> {

    private final ForceAtlas2 layout;
    private AnalysisResult last;
    private GraphLayout cached;

    /** A source laying out with {@code options}. */
    public LayoutSource(LayoutOptions options) {
        this.layout = new ForceAtlas2(Objects.requireNonNull(options, "options"));
    }

    /** The layout of {@code result}, computed on first use. */
    @Override
    public synchronized GraphLayout apply(AnalysisResult result) {
        if (result != last) {
            cached = layout.layout(result);
            last = result;
        }
        return cached;
    }
}
