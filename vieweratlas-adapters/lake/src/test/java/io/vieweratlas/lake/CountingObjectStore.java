package io.vieweratlas.lake;

import io.vieweratlas.core.port.ForwardingObjectStore;
import io.vieweratlas.core.port.ObjectInfo;
import io.vieweratlas.core.port.ObjectKeys;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.StoreException;
import io.vieweratlas.core.port.StoredObject;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Wraps a store and records which keys were read and which prefixes listed. */
final class CountingObjectStore extends ForwardingObjectStore {

    final List<String> reads = new CopyOnWriteArrayList<>();
    final List<String> listings = new CopyOnWriteArrayList<>();
    /** When set, reading this key fails as a broken store would. */
    volatile String failingRead;
    /** When set, listing fails. */
    volatile boolean failingListing;
    /** When set, the delegate's local files are offered to readers ({@link ObjectStore#localPath}). */
    volatile boolean localFiles;

    CountingObjectStore(ObjectStore delegate) {
        super(delegate);
    }

    @Override
    public Optional<StoredObject> get(String key) {
        reads.add(key);
        if (key.equals(failingRead)) {
            throw new StoreException("counting", "get", key, new java.io.IOException("disk on fire"));
        }
        return super.get(key);
    }

    @Override
    public Optional<Path> localPath(String key) {
        if (localFiles) {
            return super.localPath(key);
        }
        ObjectKeys.requireValid(key);
        return Optional.empty();
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        listings.add(prefix);
        if (failingListing) {
            throw new StoreException("counting", "list", prefix, new java.io.IOException("disk on fire"));
        }
        return super.list(prefix);
    }

    /** Keys come from {@link #list}, so that listing by keys is recorded (and fails) the same way. */
    @Override
    public Stream<String> listKeys(String prefix) {
        return list(prefix).map(ObjectInfo::key);
    }
}
