package io.vieweratlas.core.analysis;

import io.vieweratlas.core.analysis.intern.LoginInterner;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginInternerTest {

    @Test
    void concurrentInterningGivesOneDenseIdPerLogin() {
        LoginInterner in = new LoginInterner(16);
        int n = 50_000;
        int[][] ids = new int[2][n];
        java.util.concurrent.atomic.AtomicInteger who = new java.util.concurrent.atomic.AtomicInteger();
        Parallel.run(2, () -> {
            int t = who.getAndIncrement();
            char[] buf = new char[32];
            for (int i = 0; i < n; i++) {
                int v = t == 0 ? i : n - 1 - i;
                String s = "user_" + v;
                s.getChars(0, s.length(), buf, 3);
                ids[t][v] = in.intern(buf, 3, s.length());
            }
        });
        in.freeze();
        assertEquals(n, in.size());
        Set<Integer> dense = new HashSet<>();
        for (int v = 0; v < n; v++) {
            assertEquals(ids[0][v], ids[1][v]);
            int d = in.denseId(ids[0][v]);
            dense.add(d);
            assertEquals("user_" + v, in.login(d));
            assertEquals(d, in.find("user_" + v));
        }
        assertEquals(n, dense.size());
        assertEquals(-1, in.find("nobody"));
        assertThrows(IllegalStateException.class, () -> in.intern("late"));
    }

    @Test
    void recentLoginCacheGivesTheInternersIds() {
        LoginInterner in = new LoginInterner();
        io.vieweratlas.core.analysis.intern.RecentLoginCache cache = new io.vieweratlas.core.analysis.intern.RecentLoginCache(in);
        int[] first = new int[20_000];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < first.length; i++) {
                char[] c = ("login" + i + (i % 3 == 0 ? "_with_a_rather_long_suffix" : "")).toCharArray();
                int id = cache.intern(c, 0, c.length);
                if (round == 0) {
                    first[i] = id;
                } else {
                    assertEquals(first[i], id);
                }
            }
        }
        assertTrue(cache.hitRate() > 0.1, "hit rate " + cache.hitRate());
        in.freeze();
        assertEquals(first.length, in.size());
        assertEquals("login7", in.login(in.denseId(first[7])));
        assertEquals("login9_with_a_rather_long_suffix", in.login(in.denseId(first[9])));
    }

    @Test
    void unicodeAndEmptyStripesWork() {
        LoginInterner in = new LoginInterner();
        int a = in.intern("ünïcødé");
        int b = in.intern("x");
        in.freeze();
        assertEquals("ünïcødé", in.login(in.denseId(a)));
        assertEquals("x", in.login(in.denseId(b)));
        assertThrows(IllegalArgumentException.class, () -> in.login(2));
    }

    @Test
    void batchedByteInterningGivesTheSameIdsAsCharInterning() {
        LoginInterner in = new LoginInterner(16);
        StringBuilder text = new StringBuilder("xx");
        int n = 5_000;
        int[] offsets = new int[n + 1];
        int[] lengths = new int[n + 1];
        int[] hashes = new int[n + 1];
        for (int i = 0; i < n; i++) {
            String login = "viewer_" + (i % 4000); // repeats within one batch too
            offsets[i] = text.length();
            lengths[i] = login.length();
            text.append(login).append(',');
        }
        offsets[n] = 0;
        lengths[n] = 2;
        byte[] bytes = text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i <= n; i++) {
            hashes[i] = LoginInterner.hash(bytes, offsets[i], lengths[i]);
        }
        int before = in.intern("viewer_17"); // known before the batch: the batch must find it
        int[] ids = new int[n + 1];
        in.internAll(bytes, offsets, lengths, hashes, n + 1, ids);
        assertEquals(before, ids[17]);
        assertEquals(ids[5], ids[4005]);
        assertEquals(in.intern("xx"), ids[n]);
        for (int i = 0; i < n; i++) {
            assertEquals(in.intern("viewer_" + (i % 4000)), ids[i], "login " + i);
        }
        io.vieweratlas.core.analysis.intern.RecentLoginCache cache = new io.vieweratlas.core.analysis.intern.RecentLoginCache(in);
        assertEquals(-1, cache.lookup(hashes[3], bytes, offsets[3], lengths[3]));
        cache.remember(hashes[3], bytes, offsets[3], lengths[3], ids[3]);
        assertEquals(ids[3], cache.lookup(hashes[3], bytes, offsets[3], lengths[3]));
        in.freeze();
        assertEquals(4001, in.size());
        assertEquals("viewer_3", in.login(in.denseId(ids[3])));
    }
}
