/**
 * The always-on live collector: discovers live channels on Helix, watches their chats
 * continuously, and writes one snapshot per channel per window through the core
 * {@link io.vieweratlas.core.port.SnapshotStore}.
 */
package io.vieweratlas.twitch.collector;
