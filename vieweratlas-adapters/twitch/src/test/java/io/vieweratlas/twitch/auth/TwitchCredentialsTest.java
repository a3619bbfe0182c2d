package io.vieweratlas.twitch.auth;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwitchCredentialsTest {

    @Test
    void stripsTheOauthPrefixFromTheUserToken() {
        TwitchCredentials c = TwitchCredentials.fromEnvironment(Map.of(
                "TWITCH_OAUTH_TOKEN", "oauth:abc123", "TWITCH_CLIENT_ID", "cid"));
        assertEquals(Optional.of("abc123"), c.userToken());
        assertFalse(c.usesAppToken());
        assertEquals(Optional.of("xyz"), TwitchCredentials.userToken("cid", "xyz").userToken());
    }

    @Test
    void aSecretSelectsTheAppToken() {
        TwitchCredentials c = TwitchCredentials.fromEnvironment(Map.of(
                "TWITCH_CLIENT_SECRET", "s3cret", "TWITCH_CLIENT_ID", "cid"));
        assertTrue(c.usesAppToken());
        assertTrue(c.userToken().isEmpty());
    }

    @Test
    void missingVariablesAreNamedTogether() {
        MissingCredentialsException e = assertThrows(MissingCredentialsException.class,
                () -> TwitchCredentials.fromEnvironment(Map.of()));
        assertTrue(e.getMessage().contains("TWITCH_OAUTH_TOKEN"), e.getMessage());
        assertTrue(e.getMessage().contains("TWITCH_CLIENT_ID"), e.getMessage());
        MissingCredentialsException onlyId = assertThrows(MissingCredentialsException.class,
                () -> TwitchCredentials.fromEnvironment(Map.of("TWITCH_OAUTH_TOKEN", "tok", "TWITCH_CLIENT_ID", " ")));
        assertTrue(onlyId.getMessage().endsWith("not set: TWITCH_CLIENT_ID"), onlyId.getMessage());
    }

    @Test
    void toStringNeverShowsSecrets() {
        TwitchCredentials c = new TwitchCredentials("cid", Optional.of("tok-secret"), Optional.of("sec-secret"));
        assertFalse(c.toString().contains("tok-secret"));
        assertFalse(c.toString().contains("sec-secret"));
        assertTrue(c.toString().contains("cid"));
    }
}
