package io.vieweratlas.lake;

import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.out.ProcessedDocument;
import io.vieweratlas.core.port.out.ProcessedStore;

import java.util.Objects;

/**
 * The lake's {@code processed/} area over any {@link ObjectStore}: each analysis document under
 * the key {@link LakeLayout#processedKey} gives it. Puts are atomic (the store's contract).
 */
public final class LakeProcessedStore implements ProcessedStore {

    private final ObjectStore store;

    /**
     * The processed area of the lake in {@code store}.
     *
     * @param store the lake's object store
     */
    public LakeProcessedStore(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void put(ProcessedDocument document, byte[] bytes) {
        store.put(LakeLayout.processedKey(document), Objects.requireNonNull(bytes, "bytes"));
    }
}
