/** HTTP plumbing shared by the Helix and OAuth clients: retries, rate-limit pacing, safe request logging. */
package io.vieweratlas.twitch.http;
