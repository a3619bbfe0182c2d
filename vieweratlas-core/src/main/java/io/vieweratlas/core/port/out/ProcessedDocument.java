package io.vieweratlas.core.port.out;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The documents an analysis keeps in the lake: one of the {@link Fixed} ones, or a rolling
 * window's {@link WindowResults}. The lake layout maps each to its key; nothing else names those keys.
 */
public sealed interface ProcessedDocument {

    /** The documents of which the lake holds one at a time. */
    enum Fixed implements ProcessedDocument {
        /** The results document of the newest analysis. */
        RESULTS,
        /** The community timeline over rolling windows, JSON. */
        TIMELINE,
        /** The community timeline over rolling windows, CSV. */
        TIMELINE_CSV,
        /** The stability assessment. */
        STABILITY,
        /** The calibration table, CSV. */
        CALIBRATION
    }

    /**
     * A rolling window's results document.
     *
     * @param end the window's end
     */
    record WindowResults(Instant end) implements ProcessedDocument {
        private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC);

        public WindowResults {
            Objects.requireNonNull(end, "end");
        }

        /**
         * The window's folder name, from its end ({@code 20260119T000000Z}): the same in the lake and
         * in the export directory, and sorting by time.
         *
         * @return the folder name
         */
        public String folderName() {
            return FOLDER.format(end);
        }
    }
}
