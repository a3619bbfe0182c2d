package io.vieweratlas.core.port;

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

    /** Deletes the object at {@code key}; returns whether one existed. */
    boolean delete(String key);

    /** Where this store keeps its objects, for messages (e.g. {@code file:/data/lake}, {@code s3://bucket/prefix}). */
    String describe();
}
