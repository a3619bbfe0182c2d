package io.vieweratlas.runners;

import io.vieweratlas.core.port.ObjectInfo;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.ObjectVersion;
import io.vieweratlas.core.port.StoredObject;
import io.vieweratlas.core.port.WriteOutcome;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * A store that hands every call to another, for tests that override the one call they script
 * (a slow write, a failing one, a hook after a put). {@link ObjectStore#localPath} is not
 * forwarded: readers then go through {@link #get}, where an override can see them.
 */
public class ForwardingObjectStore implements ObjectStore {

    private final ObjectStore delegate;

    /** @param delegate the store every call goes to */
    public ForwardingObjectStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<StoredObject> get(String key) {
        return delegate.get(key);
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
        return delegate.list(prefix);
    }

    @Override
    public Stream<String> listKeys(String prefix) {
        return delegate.listKeys(prefix);
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
