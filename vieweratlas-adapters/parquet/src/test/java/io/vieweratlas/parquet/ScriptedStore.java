package io.vieweratlas.parquet;

import io.vieweratlas.core.port.ForwardingObjectStore;
import io.vieweratlas.core.port.ObjectInfo;
import io.vieweratlas.core.port.ObjectKeys;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.ObjectVersion;
import io.vieweratlas.core.port.StoredObject;
import io.vieweratlas.core.port.WriteOutcome;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * An object store in front of another whose writes a test can script (fail, crash, alter), and
 * which counts requests. Reads go through {@link #get} (no local files), as on S3.
 */
final class ScriptedStore extends ForwardingObjectStore {

    /** Called before every write with the key and bytes; returns the bytes to store (or throws). */
    volatile BiFunction<String, byte[], byte[]> beforeWrite = (k, b) -> b;
    final AtomicLong gets = new AtomicLong();
    final AtomicLong lists = new AtomicLong();
    final AtomicLong writes = new AtomicLong();

    ScriptedStore(ObjectStore delegate) {
        super(delegate);
    }

    @Override
    public Optional<StoredObject> get(String key) {
        gets.incrementAndGet();
        return super.get(key);
    }

    @Override
    public ObjectVersion put(String key, byte[] content) {
        writes.incrementAndGet();
        return super.put(key, beforeWrite.apply(key, content));
    }

    @Override
    public WriteOutcome putIfAbsent(String key, byte[] content) {
        writes.incrementAndGet();
        return super.putIfAbsent(key, beforeWrite.apply(key, content));
    }

    @Override
    public WriteOutcome compareAndSet(String key, byte[] content, ObjectVersion expected) {
        writes.incrementAndGet();
        return super.compareAndSet(key, beforeWrite.apply(key, content), expected);
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        lists.incrementAndGet();
        return super.list(prefix);
    }

    @Override
    public Stream<String> listKeys(String prefix) {
        lists.incrementAndGet();
        return super.listKeys(prefix);
    }

    @Override
    public Optional<Path> localPath(String key) {
        ObjectKeys.requireValid(key);
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "scripted:" + super.describe();
    }
}
