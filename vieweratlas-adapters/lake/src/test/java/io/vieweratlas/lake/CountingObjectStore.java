package io.vieweratlas.lake;

import io.vieweratlas.core.port.ObjectInfo;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.ObjectVersion;
import io.vieweratlas.core.port.StoreException;
import io.vieweratlas.core.port.StoredObject;
import io.vieweratlas.core.port.WriteOutcome;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Wraps a store and records which keys were read and which prefixes listed. */
final class CountingObjectStore implements ObjectStore {

    private final ObjectStore delegate;
    final List<String> reads = new CopyOnWriteArrayList<>();
    final List<String> listings = new CopyOnWriteArrayList<>();
    /** When set, reading this key fails as a broken store would. */
    volatile String failingRead;
    /** When set, listing fails. */
    volatile boolean failingListing;
    /** When set, the delegate's local files are offered to readers ({@link ObjectStore#localPath}). */
    volatile boolean localFiles;

    CountingObjectStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<StoredObject> get(String key) {
        reads.add(key);
        if (key.equals(failingRead)) {
            throw new StoreException("counting", "get", key, new java.io.IOException("disk on fire"));
        }
        return delegate.get(key);
    }

    @Override
    public Optional<Path> localPath(String key) {
        return localFiles ? delegate.localPath(key) : ObjectStore.super.localPath(key);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        return delegate.stat(key);
    }

    @Override
    public ObjectVersion put(String key, byte[] content) {
        return delegate.put(key, content);
    }

    @Override
    public WriteOutcome putIfAbsent(String key, byte[] content) {
        return delegate.putIfAbsent(key, content);
    }

    @Override
    public WriteOutcome compareAndSet(String key, byte[] content, ObjectVersion expected) {
        return delegate.compareAndSet(key, content, expected);
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        listings.add(prefix);
        if (failingListing) {
            throw new StoreException("counting", "list", prefix, new java.io.IOException("disk on fire"));
        }
        return delegate.list(prefix);
    }

    @Override
    public boolean delete(String key) {
        return delegate.delete(key);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }
}
