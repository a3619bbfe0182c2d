package io.vieweratlas.parquet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a VOD's presence buckets one chat line at a time, so that a replay is bucketed as it
 * arrives instead of after it was held whole. Memory grows with distinct (bucket, chatter) pairs
 * (four bytes each, in sorted int arrays keyed by a login dictionary), not with messages: a
 * chatter who writes a hundred lines in a minute costs one slot. The buckets come out exactly as
 * {@link VodBucketer#bucket} makes them. Not thread-safe.
 */
public final class VodBucketAccumulator {
    private final VodBucketer shape;
    private final Map<String, Integer> loginIds = new HashMap<>();
    private final List<String> logins = new ArrayList<>();
    private final TreeMap<Long, IntBag> buckets = new TreeMap<>();
    private long lines;

    /** @param shape the VOD and bucket length the buckets are for */
    public VodBucketAccumulator(VodBucketer shape) {
        this.shape = Objects.requireNonNull(shape, "shape");
    }

    /** Adds one chat line. */
    public void add(ChatLine line) {
        Objects.requireNonNull(line, "line");
        long start = ((long) Math.floor(line.offsetSeconds()) / shape.bucketLenS()) * shape.bucketLenS();
        Integer id = loginIds.get(line.login());
        if (id == null) {
            id = logins.size();
            loginIds.put(line.login(), id);
            logins.add(line.login());
        }
        buckets.computeIfAbsent(start, k -> new IntBag()).add(id);
        lines++;
    }

    /** Lines added. */
    public long lines() {
        return lines;
    }

    /** Buckets so far (buckets with at least one line). */
    public int bucketCount() {
        return buckets.size();
    }

    /** The buckets in offset order, each built when asked for (one at a time in memory). */
    public Iterator<VodBucket> buckets() {
        Iterator<Map.Entry<Long, IntBag>> it = buckets.entrySet().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public VodBucket next() {
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                Map.Entry<Long, IntBag> e = it.next();
                TreeSet<String> chatters = new TreeSet<>();
                for (int id : e.getValue().distinct()) {
                    chatters.add(logins.get(id));
                }
                return new VodBucket(VodBucketer.PLATFORM, shape.source(), shape.channelLogin(), shape.channelId(),
                        shape.contentId(), shape.createdAt().plusSeconds(e.getKey()), e.getKey(), shape.bucketLenS(),
                        chatters);
            }
        };
    }

    /** The VOD and bucket length. */
    public VodBucketer shape() {
        return shape;
    }

    /** Ints with duplicates squeezed out whenever the array fills up (sort, then drop repeats). */
    private static final class IntBag {
        private int[] values = new int[8];
        private int size;
        private int sortedPrefix;

        void add(int v) {
            if (size == values.length) {
                compact();
                if (size * 2 > values.length) {
                    values = Arrays.copyOf(values, values.length * 2);
                }
            }
            values[size++] = v;
        }

        private void compact() {
            if (sortedPrefix == size) {
                return;
            }
            Arrays.sort(values, 0, size);
            int w = 0;
            for (int i = 0; i < size; i++) {
                if (w == 0 || values[w - 1] != values[i]) {
                    values[w++] = values[i];
                }
            }
            size = w;
            sortedPrefix = w;
        }

        int[] distinct() {
            compact();
            return Arrays.copyOf(values, size);
        }
    }
}
