/**
 * The collector role: maps the configuration onto the Twitch adapter's settings, wires Helix,
 * chat and the lake (Guice), records the daily collection state, and stops cleanly on SIGTERM.
 */
package io.vieweratlas.runners.collector;
