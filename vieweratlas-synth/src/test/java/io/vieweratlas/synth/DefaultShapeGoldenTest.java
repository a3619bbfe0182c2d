package io.vieweratlas.synth;

import io.vieweratlas.core.model.PresenceSnapshot;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Lakes of the default shape are pinned by a digest of every snapshot field: the benchmark caches
 * generated lakes by spec, and a cached lake must stay what its spec generates.
 */
class DefaultShapeGoldenTest {

    static String digest(SyntheticLake lake) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        lake.forEachSnapshot(s -> md.update(line(s).getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(md.digest());
    }

    private static String line(PresenceSnapshot s) {
        return s.channel() + '|' + s.timestamp() + '|' + s.stream() + '|' + String.join(",", s.chatters()) + '\n';
    }

    @Test
    void benchSmallLakeIsUnchanged() throws Exception {
        SyntheticLakeSpec spec = SyntheticLakeSpec.builder().bots(true).snapshotsPerChannel(3).seed(1)
                .channels(100).communities(6).viewers(10_000).build();
        assertEquals("db52d93da8ff481442faf3ed9dc56f709a4d7d70997c736b3b7191d4041a2852", digest(SyntheticLake.plan(spec)));
    }

    @Test
    void mediumShapedLakeIsUnchanged() throws Exception {
        SyntheticLakeSpec spec = SyntheticLakeSpec.builder().snapshotsPerChannel(2).seed(5).mixing(0.3)
                .channels(1_000).communities(20).viewers(100_000).build();
        assertEquals("405434c3d1f3ee5bc12e4dabf60bd392448938c03f26fb16f7383e1a4ce21a70", digest(SyntheticLake.plan(spec)));
    }
}
