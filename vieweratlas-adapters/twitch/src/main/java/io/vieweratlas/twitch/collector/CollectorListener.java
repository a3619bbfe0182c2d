package io.vieweratlas.twitch.collector;

/**
 * Hooks of a running collector, e.g. to update the daily collection state or start an analysis
 * every N windows. Called on the collector's thread; an exception is logged and does not stop
 * collection.
 */
public interface CollectorListener {

    /** A window was closed and its snapshots stored. */
    void windowClosed(WindowReport report);

    /** A listener that does nothing. */
    CollectorListener NONE = report -> { };
}
