package io.vieweratlas.twitch.presence;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoginSetTest {

    @Test
    void keepsEveryLoginOnceWithItsEvidenceBitsThroughGrowth() {
        LoginSet set = new LoginSet();
        Map<String, Integer> expected = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            String login = "viewer_" + (i % 3_000);
            int bit = 1 << (i % 3);
            set.add(login, bit);
            expected.merge(login, bit, (a, b) -> a | b);
        }
        set.add("zoë", 4); // non-ASCII survives the byte encoding
        expected.put("zoë", 4);
        assertEquals(expected.size(), set.size());
        Map<String, Integer> seen = new HashMap<>();
        set.forEach(seen::put);
        assertEquals(expected, seen);
    }
}
