/**
 * Twitch adapter: the Helix client ({@link io.vieweratlas.twitch.helix.HelixClient}, a
 * {@link io.vieweratlas.core.port.StreamDirectory}), chat presence over IRC
 * ({@link io.vieweratlas.twitch.irc.IrcChatClient}), the presence accumulator and the live
 * collector that writes windows of presence as snapshots.
 *
 * @apiNote API: {@code twitch.collector} (the live collector and its settings and reports),
 * {@code twitch.presence}, {@code twitch.irc}, {@code twitch.helix}, {@code twitch.auth}, {@code twitch.vod}
 * and the types here, and {@link io.vieweratlas.twitch.http.RetryPolicy} (part of the clients' settings).
 * Internal: the rest of {@code twitch.http} (call execution and rate-limit pacing
 * shared by the clients).
 */
package io.vieweratlas.twitch;
