package io.vieweratlas.core.privacy;

import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.SnapshotStore;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A {@link SnapshotStore} that pseudonymizes every snapshot before it is stored, so that
 * collectors writing through it never put a viewer login into the lake. Reading passes through.
 */
public final class PseudonymizingSnapshotStore implements SnapshotStore {

    private final SnapshotStore delegate;
    private final Pseudonymizer pseudonymizer;

    /**
     * @param delegate      where snapshots go
     * @param pseudonymizer how logins are replaced
     */
    public PseudonymizingSnapshotStore(SnapshotStore delegate, Pseudonymizer pseudonymizer) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
    }

    @Override
    public SnapshotWrite put(PresenceSnapshot snapshot) {
        return delegate.put(pseudonymizer.apply(snapshot));
    }

    @Override
    public LoadReport forEachSnapshot(TimeRange range, Consumer<PresenceSnapshot> consumer) {
        return delegate.forEachSnapshot(range, consumer);
    }
}
