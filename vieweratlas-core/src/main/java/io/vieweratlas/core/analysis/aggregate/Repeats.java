package io.vieweratlas.core.analysis.aggregate;

/**
 * What a {@link PresenceTableBuilder} keeps of a viewer seen again on the same channel.
 *
 * <p>Hourly collection sees most of a channel's audience in many snapshots, so the raw entries of
 * a window outnumber its distinct channel–viewer memberships many times over (72 hourly snapshots
 * of the synthetic "deep" lake: 15.3 M entries, 0.39 M memberships). Dropping repeats while loading
 * makes memory follow memberships; the price is that the table then only answers the time range it
 * was loaded for.
 */
public enum Repeats {
    /**
     * Every entry of every snapshot is kept: the table can be aggregated over any sub-range
     * (rolling windows, a window anchored to the newest snapshot).
     */
    KEEP,
    /**
     * A viewer is kept in the first snapshot of a channel it is read in and dropped from that
     * channel's later snapshots (snapshot metadata is always kept). The channel audiences over the
     * whole loaded range are the same as with {@link #KEEP}; aggregating a narrower range is refused
     * ({@link Aggregator#aggregate}).
     */
    DROP
}
