/**
 * Runners: the command line and the Guice wiring of each runtime role (collector, analysis, VOD).
 *
 * @apiNote Internal as a whole: this module is the {@code vieweratlas} application, not a library.
 * Embedders use {@link io.vieweratlas.core.ViewerAtlas} and the adapters directly, without Guice.
 */
package io.vieweratlas.runners;
