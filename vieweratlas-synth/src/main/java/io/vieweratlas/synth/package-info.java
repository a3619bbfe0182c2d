/**
 * Deterministic synthetic presence lakes with planted communities, for tests, benchmarks and
 * demonstrations that need no Twitch credentials.
 *
 * <p>{@link io.vieweratlas.synth.SyntheticLakeSpec} says what to generate;
 * {@link io.vieweratlas.synth.SyntheticLake#plan} draws the population (channels, viewers,
 * who watches what) once, and then yields {@link io.vieweratlas.core.model.PresenceSnapshot}s
 * channel by channel without holding them all in memory, together with the planted truth
 * (channel to community). Everything is a function of the spec: the same spec gives the same
 * snapshots, whatever the number of threads that consume them.
 */
package io.vieweratlas.synth;
