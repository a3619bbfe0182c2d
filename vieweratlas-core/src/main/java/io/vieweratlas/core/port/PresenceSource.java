package io.vieweratlas.core.port;

import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.TimeRange;

import java.util.function.Consumer;

/**
 * Yields presence snapshots: from a lake, a VOD replay, live chat or a user's own data.
 *
 * <p>Input that cannot be read is reported in the returned {@link LoadReport} and skipped; it
 * never stops the rest from loading. The consumer is called by one thread at a time, in an
 * order the source chooses; analysis does not depend on that order.
 */
public interface PresenceSource {

    /**
     * Passes every snapshot whose timestamp lies in {@code range} to {@code consumer}.
     *
     * @return what was read and what was skipped, with reasons
     */
    LoadReport forEachSnapshot(TimeRange range, Consumer<PresenceSnapshot> consumer);
}
