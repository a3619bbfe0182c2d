package io.vieweratlas.runners.analysis;

import io.vieweratlas.core.port.ForwardingObjectStore;
import io.vieweratlas.core.port.ObjectInfo;
import io.vieweratlas.core.port.ObjectKeys;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.ObjectVersion;
import io.vieweratlas.core.port.StoredObject;
import io.vieweratlas.core.port.WriteOutcome;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * An object store that counts what its user asks of the store underneath: GETs (objects read),
 * listings, and writes. Keeps the store's local files hidden when asked to, so that reads of a lake on
 * disk go through {@link #get} as they would on S3.
 */
final class CountingObjectStore extends ForwardingObjectStore {

    private final boolean localFiles;
    final AtomicLong gets = new AtomicLong();
    final AtomicLong bytesRead = new AtomicLong();
    final AtomicLong listings = new AtomicLong();
    final AtomicLong keysListed = new AtomicLong();
    final AtomicLong writes = new AtomicLong();

    CountingObjectStore(ObjectStore delegate, boolean localFiles) {
        super(delegate);
        this.localFiles = localFiles;
    }

    void reset() {
        gets.set(0);
        bytesRead.set(0);
        listings.set(0);
        keysListed.set(0);
        writes.set(0);
    }

    @Override
    public Optional<StoredObject> get(String key) {
        gets.incrementAndGet();
        Optional<StoredObject> o = super.get(key);
        o.ifPresent(s -> bytesRead.addAndGet(s.content().length));
        return o;
    }

    @Override
    public Optional<java.nio.file.Path> localPath(String key) {
        if (localFiles) {
            gets.incrementAndGet();
            return super.localPath(key);
        }
        ObjectKeys.requireValid(key);
        return Optional.empty();
    }

    @Override
    public ObjectVersion put(String key, byte[] content) {
        writes.incrementAndGet();
        return super.put(key, content);
    }

    @Override
    public WriteOutcome putIfAbsent(String key, byte[] content) {
        writes.incrementAndGet();
        return super.putIfAbsent(key, content);
    }

    @Override
    public WriteOutcome compareAndSet(String key, byte[] content, ObjectVersion expected) {
        writes.incrementAndGet();
        return super.compareAndSet(key, content, expected);
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        listings.incrementAndGet();
        return super.list(prefix).peek(o -> keysListed.incrementAndGet());
    }

    @Override
    public Stream<String> listKeys(String prefix) {
        listings.incrementAndGet();
        return super.listKeys(prefix).peek(k -> keysListed.incrementAndGet());
    }
}
