/**
 * VOD collection on the Twitch side: the chat replay (an unofficial endpoint, kept behind
 * {@link io.vieweratlas.twitch.vod.ChatReplaySource} so it can be replaced), the rules that pick
 * which archives to collect, and the bucketing of a replay into presence snapshots.
 */
package io.vieweratlas.twitch.vod;
