package io.vieweratlas.lake;

import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.StoreException;
import io.vieweratlas.core.port.StoredObject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One loading thread's way to an object's bytes: straight from the store's local file when it has
 * one ({@link ObjectStore#localPath}), into a buffer reused from object to object so that a lake of
 * 130 MB of snapshots does not become 130 MB of garbage; otherwise through {@link ObjectStore#get}.
 * The bytes read are {@code data()[0, length())}, valid until the next {@link #read}. Not thread-safe.
 */
final class ObjectBytes {

    private final ObjectStore store;
    private byte[] data = new byte[0];
    private int length;
    private byte[] readBuffer = new byte[64 * 1024];

    ObjectBytes(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Reads the object at {@code key}; false when there is none (deleted since it was listed).
     *
     * @throws StoreException when the store or its file cannot be read
     */
    boolean read(String key) {
        Optional<Path> file = store.localPath(key);
        if (file.isEmpty()) {
            Optional<StoredObject> object = store.get(key);
            object.ifPresent(o -> {
                data = o.content();
                length = data.length;
            });
            return object.isPresent();
        }
        try (FileChannel channel = FileChannel.open(file.get(), StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new IOException("file larger than 2 GB");
            }
            int n = 0;
            while (true) {
                if (n == readBuffer.length || readBuffer.length < size + 1) {
                    // + 1: the read that returns -1 at the end needs room to be attempted
                    readBuffer = Arrays.copyOf(readBuffer, (int) Math.min(Integer.MAX_VALUE - 16,
                            Math.max(size + 1, readBuffer.length * 2L)));
                }
                int r = channel.read(ByteBuffer.wrap(readBuffer, n, readBuffer.length - n));
                if (r < 0) {
                    break;
                }
                n += r;
            }
            data = readBuffer;
            length = n;
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new StoreException(store.describe(), "get", key, e);
        }
    }

    /** The buffer holding the object last read, from index 0; it may be longer than the object. */
    byte[] data() {
        return data;
    }

    /** The length of the object last read. */
    int length() {
        return length;
    }

    /** The object last read as an array of its own (for the codecs, on the rare slow path). */
    byte[] copy() {
        return data.length == length ? data : Arrays.copyOf(data, length);
    }
}
