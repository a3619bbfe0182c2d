package io.vieweratlas.parquet;

import io.vieweratlas.core.model.PresenceSourceKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VodBucketAccumulatorTest {

    @Test
    void incrementalBucketsEqualTheWholeReplaysBucketsAndTheirBytes() {
        VodBucketer shape = new VodBucketer(PresenceSourceKind.VOD, "alice", "42", "777",
                Instant.parse("2026-11-20T18:00:00Z"), 60);
        SplittableRandom random = new SplittableRandom(7);
        List<ChatLine> lines = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) { // heavy repeats: 300 chatters over 2 hours
            lines.add(new ChatLine(random.nextDouble() * 7200, "u" + random.nextInt(300)));
        }
        VodBucketAccumulator acc = new VodBucketAccumulator(shape);
        lines.forEach(acc::add);
        List<VodBucket> whole = shape.bucket(lines);
        List<VodBucket> incremental = new ArrayList<>();
        acc.buckets().forEachRemaining(incremental::add);
        assertEquals(whole, incremental);
        assertEquals(20_000, acc.lines());
        assertEquals(whole.size(), acc.bucketCount());
        assertArrayEquals(VodParquetCodec.encode(whole), VodParquetCodec.encode(acc.buckets()));
        assertEquals(Arrays.asList(whole.toArray()), VodParquetCodec.decode(VodParquetCodec.encode(acc.buckets()), "t"));
    }
}
