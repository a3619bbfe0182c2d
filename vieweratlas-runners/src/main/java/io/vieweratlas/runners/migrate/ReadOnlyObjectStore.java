package io.vieweratlas.runners.migrate;

import io.vieweratlas.core.port.ForwardingObjectStore;
import io.vieweratlas.core.port.ObjectInfo;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.ObjectVersion;
import io.vieweratlas.core.port.WriteOutcome;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * A view of a store that can only be read: a check of someone's installation must not change it,
 * whatever a reader it hands the store to would do. {@link #list} and {@link #stat} are refused too,
 * because the file-system store caches versions in extended attributes when it computes them;
 * readers here need keys ({@link #listKeys}) and contents ({@link #get}) only.
 */
final class ReadOnlyObjectStore extends ForwardingObjectStore {

    ReadOnlyObjectStore(ObjectStore delegate) {
        super(delegate);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        throw refused("stat with version", key);
    }

    @Override
    public String describe() {
        return delegate().describe() + " (read only)";
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        throw refused("list with versions", prefix);
    }

    @Override
    public ObjectVersion put(String key, byte[] content) {
        throw refused("put", key);
    }

    @Override
    public WriteOutcome putIfAbsent(String key, byte[] content) {
        throw refused("put", key);
    }

    @Override
    public WriteOutcome compareAndSet(String key, byte[] content, ObjectVersion expected) {
        throw refused("compare-and-set", key);
    }

    @Override
    public boolean delete(String key) {
        throw refused("delete", key);
    }

    private UnsupportedOperationException refused(String action, String key) {
        return new UnsupportedOperationException(action + " of '" + key + "' refused: " + describe()
                + " is only checked, never changed");
    }
}
