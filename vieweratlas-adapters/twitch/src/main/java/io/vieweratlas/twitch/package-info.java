/**
 * Twitch adapter: the Helix client ({@link io.vieweratlas.twitch.helix.HelixClient}, a
 * {@link io.vieweratlas.core.port.StreamDirectory}), chat presence over IRC
 * ({@link io.vieweratlas.twitch.irc.IrcChatClient}), the presence accumulator and the live
 * collector that writes windows of presence as snapshots.
 */
package io.vieweratlas.twitch;
