package io.vieweratlas.core.port;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A store that hands every call to another: the base for a store that changes a few calls of an
 * existing one (refuses writes, counts requests, scripts a failure) and keeps the rest. Every
 * method of {@link ObjectStore} is forwarded, {@link #listKeys} and {@link #localPath} included,
 * so a subclass overrides exactly the calls it changes.
 */
public abstract class ForwardingObjectStore implements ObjectStore {

    private final ObjectStore delegate;

    /**
     * @param delegate the store every call goes to
     * @throws NullPointerException when {@code delegate} is null
     */
    protected ForwardingObjectStore(ObjectStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The store calls go to. */
    protected final ObjectStore delegate() {
        return delegate;
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
    public Optional<Path> localPath(String key) {
        return delegate.localPath(key);
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
