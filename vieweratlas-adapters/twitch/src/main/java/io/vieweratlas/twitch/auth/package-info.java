/** Twitch credentials from the environment, app tokens by client credentials, token validation. */
package io.vieweratlas.twitch.auth;
