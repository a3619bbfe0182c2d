/** The Twitch Helix client: live streams and users, paced and retried as Twitch expects. */
package io.vieweratlas.twitch.helix;
