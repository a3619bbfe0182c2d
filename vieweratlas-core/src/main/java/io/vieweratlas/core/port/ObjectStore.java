package io.vieweratlas.core.port;

import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keyed bytes: the storage every lake sits on (a local directory, an S3 bucket, a test fake).
 *
 * <p>Keys are relative, slash-separated paths checked by {@link ObjectKeys#requireValid}.
 * Writes are atomic: a reader sees the old object or the new one, never part of one.
 * Conditional writes ({@link #putIfAbsent}, {@link #compareAndSet}) stay correct when several
 * processes race, which is what lets two runners share state files safely.
 *
 * <p>Failures of the underlying storage surface as {@link StoreException} naming the store,
 * the key and the action. A lost race is not a failure: it is a {@link WriteOutcome.Conflict}.
 */
public interface ObjectStore {

    /** The object at {@code key} with its version, or empty when there is none. */
    Optional<StoredObject> get(String key);

    /** Metadata of the object at {@code key}, or empty when there is none. */
    Optional<ObjectInfo> stat(String key);

    /** Writes {@code content} at {@code key}, replacing any object there, and returns the new version. */
    ObjectVersion put(String key, byte[] content);

    /** Writes {@code content} at {@code key} only if no object exists there. */
    WriteOutcome putIfAbsent(String key, byte[] content);

    /** Replaces the object at {@code key} only if its current version is {@code expected}. */
    WriteOutcome compareAndSet(String key, byte[] content, ObjectVersion expected);

    /**
     * The objects whose keys start with {@code prefix}, in ascending key order. The stream may
     * fetch lazily (pages); close it when done.
     */
    Stream<ObjectInfo> list(String prefix);

    /**
     * The keys {@link #list(String)} would return, in the same order, without sizes, times or
     * versions — for readers that only need names, on stores where a version costs work per
     * object (the file-system store reads an extended attribute, or hashes the content, of every
     * file: most of the time a lake of 15,000 snapshots takes to list). Close the stream when done.
     */
    default Stream<String> listKeys(String prefix) {
        return list(prefix).map(ObjectInfo::key);
    }

    /**
     * The local file that holds the object at {@code key}, when this store keeps its objects as
     * files (the file may not exist: then there is no object at {@code key}). Readers that read many
     * objects, such as the lake loader, read such a file straight into a buffer they reuse, instead of
     * a fresh array and a version per {@link #get}. Only keys this store listed should be read this
     * way: the path is where the object would be, not a check that it is one. Empty (the default)
     * for stores without local files; reads then go through {@link #get}.
     *
     * @throws IllegalArgumentException when {@code key} is not a valid key for this store
     */
    default Optional<Path> localPath(String key) {
        ObjectKeys.requireValid(key);
        return Optional.empty();
    }

    /** Deletes the object at {@code key}; returns whether one existed. */
    boolean delete(String key);

    /** Where this store keeps its objects, for messages (e.g. {@code file:/data/lake}, {@code s3://bucket/prefix}). */
    String describe();
}
