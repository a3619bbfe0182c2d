package io.vieweratlas.core.privacy;

import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.core.model.PresenceSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PseudonymizerTest {

    private static final String KEY = "0123456789abcdef-test";

    @Test
    void pseudonymIsKeyedHmacInLoginShape() {
        Pseudonymizer p = Pseudonymizer.withKey(KEY);
        // python: 'p_' + base64.b32encode(hmac.new(key, b'alice', sha256).digest()[:10]).lower()
        assertEquals("p_zr2ibelnkxkj52vf", p.pseudonym("alice"));
        assertEquals("p_zr2ibelnkxkj52vf", p.pseudonym("Alice"));
        assertTrue(p.pseudonym("bob_42").matches("p_[a-z2-7]{16}"));
        assertNotEquals(p.pseudonym("alice"), p.pseudonym("alicf"));
        assertNotEquals(p.pseudonym("alice"), Pseudonymizer.withKey(KEY + "x").pseudonym("alice"));
        assertTrue(p.enabled());
        assertFalse(p.toString().contains(KEY));
        assertEquals("alice", Pseudonymizer.none().pseudonym("alice"));
        assertFalse(Pseudonymizer.none().enabled());
    }

    @Test
    void keyComesFromTheEnvironmentAndIsNeverInMessages() {
        assertEquals(Pseudonymizer.withKey(KEY).pseudonym("x1"),
                Pseudonymizer.fromEnvironment(Map.of(Pseudonymizer.KEY_VARIABLE, KEY)).pseudonym("x1"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Pseudonymizer.fromEnvironment(Map.of()));
        assertTrue(missing.getMessage().contains(Pseudonymizer.KEY_VARIABLE));
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> Pseudonymizer.fromEnvironment(Map.of(Pseudonymizer.KEY_VARIABLE, "tooshort")));
        assertFalse(shortKey.getMessage().contains("tooshort"));
    }

    @Test
    void snapshotsKeepEverythingButTheLogins() {
        PresenceSnapshot s = PresenceSnapshot.builder("somechannel", Instant.parse("2026-01-01T10:00:00Z"))
                .chatters(List.of("alice", "bob")).evidence("alice", Set.of(Evidence.MESSAGE)).contentId("vod:1")
                .build();
        Pseudonymizer p = Pseudonymizer.withKey(KEY);
        PresenceSnapshot q = p.apply(s);
        assertEquals("somechannel", q.channel());
        assertEquals(s.timestamp(), q.timestamp());
        assertEquals(s.contentId(), q.contentId());
        assertEquals(Set.of(p.pseudonym("alice"), p.pseudonym("bob")), q.chatters());
        assertEquals(Map.of(p.pseudonym("alice"), Set.of(Evidence.MESSAGE)), q.evidence());
        assertSame(s, Pseudonymizer.none().apply(s));
    }
}
