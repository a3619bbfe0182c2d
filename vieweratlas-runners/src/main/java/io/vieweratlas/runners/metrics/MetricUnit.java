package io.vieweratlas.runners.metrics;

/** The CloudWatch units ViewerAtlas reports in. */
public enum MetricUnit {
    /** A number of things. */
    COUNT("Count"),
    /** A duration in milliseconds. */
    MILLISECONDS("Milliseconds");

    private final String cloudWatchName;

    MetricUnit(String cloudWatchName) {
        this.cloudWatchName = cloudWatchName;
    }

    /** The unit as CloudWatch spells it. */
    public String cloudWatchName() {
        return cloudWatchName;
    }
}
