package io.vieweratlas.parquet;

import io.vieweratlas.core.port.ObjectInfo;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.ObjectVersion;
import io.vieweratlas.core.port.StoredObject;
import io.vieweratlas.core.port.WriteOutcome;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * An object store in front of another whose writes a test can script (fail, crash, alter), and
 * which counts requests. Reads go through {@link #get} (no local files), as on S3.
 */
final class ScriptedStore implements ObjectStore {

    private final ObjectStore delegate;
    /** Called before every write with the key and bytes; returns the bytes to store (or throws). */
    volatile BiFunction<String, byte[], byte[]> beforeWrite = (k, b) -> b;
    final AtomicLong gets = new AtomicLong();
    final AtomicLong lists = new AtomicLong();
    final AtomicLong writes = new AtomicLong();

    ScriptedStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<StoredObject> get(String key) {
        gets.incrementAndGet();
        return delegate.get(key);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        return delegate.stat(key);
    }

    @Override
    public ObjectVersion put(String key, byte[] content) {
        writes.incrementAndGet();
        return delegate.put(key, beforeWrite.apply(key, content));
    }

    @Override
    public WriteOutcome putIfAbsent(String key, byte[] content) {
        writes.incrementAndGet();
        return delegate.putIfAbsent(key, beforeWrite.apply(key, content));
    }

    @Override
    public WriteOutcome compareAndSet(String key, byte[] content, ObjectVersion expected) {
        writes.incrementAndGet();
        return delegate.compareAndSet(key, beforeWrite.apply(key, content), expected);
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        lists.incrementAndGet();
        return delegate.list(prefix);
    }

    @Override
    public Stream<String> listKeys(String prefix) {
        lists.incrementAndGet();
        return delegate.listKeys(prefix);
    }

    @Override
    public boolean delete(String key) {
        return delegate.delete(key);
    }

    @Override
    public String describe() {
        return "scripted:" + delegate.describe();
    }
}
