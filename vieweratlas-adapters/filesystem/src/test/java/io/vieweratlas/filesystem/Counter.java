package io.vieweratlas.filesystem;

import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.StoredObject;

import java.nio.charset.StandardCharsets;

/** A decimal counter kept in one object and incremented only by compare-and-set. */
public final class Counter {

    private Counter() {
    }

    /** Adds one, retrying on lost races; returns how many attempts it took. */
    public static int increment(ObjectStore store, String key) {
        for (int attempt = 1; ; attempt++) {
            StoredObject current = store.get(key).orElseThrow(() -> new AssertionError("counter " + key + " vanished"));
            long value = Long.parseLong(new String(current.content(), StandardCharsets.UTF_8));
            byte[] next = Long.toString(value + 1).getBytes(StandardCharsets.UTF_8);
            if (store.compareAndSet(key, next, current.version()).written()) {
                return attempt;
            }
        }
    }

    /** The counter's value. */
    public static long read(ObjectStore store, String key) {
        return Long.parseLong(new String(store.get(key).orElseThrow().content(), StandardCharsets.UTF_8));
    }
}
