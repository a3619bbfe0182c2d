package io.vieweratlas.lake;

import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.filesystem.ObjectStoreContract;

/** The in-memory fake used by the lake tests behaves like a real store. */
class InMemoryObjectStoreContractTest extends ObjectStoreContract {
    @Override
    protected ObjectStore newStore() {
        return new InMemoryObjectStore();
    }
}
