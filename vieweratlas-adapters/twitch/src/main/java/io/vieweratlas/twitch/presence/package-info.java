/** Windows of chat presence per channel, turned into core {@code PresenceSnapshot}s. */
package io.vieweratlas.twitch.presence;
