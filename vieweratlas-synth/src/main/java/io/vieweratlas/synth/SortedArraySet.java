package io.vieweratlas.synth;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SortedSet;

/**
 * A read-only sorted set over a range of an array that is already strictly ascending. Handing it
 * to a {@code TreeSet} copies it in linear time, which is why snapshots are built from it.
 */
final class SortedArraySet extends AbstractSet<String> implements SortedSet<String> {

    private final String[] items;
    private final int from;
    private final int to;

    /** A view of {@code items[from, to)}, which must be strictly ascending and free of nulls. */
    SortedArraySet(String[] items, int from, int to) {
        this.items = items;
        this.from = from;
        this.to = to;
    }

    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private int next = from;

            @Override
            public boolean hasNext() {
                return next < to;
            }

            @Override
            public String next() {
                if (next >= to) {
                    throw new NoSuchElementException();
                }
                return items[next++];
            }
        };
    }

    @Override
    public int size() {
        return to - from;
    }

    @Override
    public boolean contains(Object o) {
        return o instanceof String s && Arrays.binarySearch(items, from, to, s) >= 0;
    }

    @Override
    public Comparator<? super String> comparator() {
        return null;
    }

    @Override
    public SortedSet<String> subSet(String fromElement, String toElement) {
        if (fromElement.compareTo(toElement) > 0) {
            throw new IllegalArgumentException("fromElement " + fromElement + " > toElement " + toElement);
        }
        return new SortedArraySet(items, position(fromElement), Math.max(position(fromElement), position(toElement)));
    }

    @Override
    public SortedSet<String> headSet(String toElement) {
        return new SortedArraySet(items, from, position(toElement));
    }

    @Override
    public SortedSet<String> tailSet(String fromElement) {
        return new SortedArraySet(items, position(fromElement), to);
    }

    @Override
    public String first() {
        if (from == to) {
            throw new NoSuchElementException();
        }
        return items[from];
    }

    @Override
    public String last() {
        if (from == to) {
            throw new NoSuchElementException();
        }
        return items[to - 1];
    }

    /** Index of the first element >= {@code s} within the range. */
    private int position(String s) {
        int i = Arrays.binarySearch(items, from, to, s);
        return i >= 0 ? i : -i - 1;
    }
}
