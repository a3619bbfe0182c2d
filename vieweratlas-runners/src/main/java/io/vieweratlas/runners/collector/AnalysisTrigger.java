package io.vieweratlas.runners.collector;

/**
 * Starts an analysis of the lake; {@code continuous} calls it every
 * {@code analysis.analysis_interval_cycles} windows. Bound by the analysis role's wiring through
 * Guice's {@code OptionalBinder}; when nothing is bound, {@code continuous} only collects and says so.
 */
@FunctionalInterface
public interface AnalysisTrigger {

    /**
     * Runs one analysis.
     *
     * @param cycle the number of windows collected so far in this run
     */
    void analyze(int cycle) throws Exception;
}
