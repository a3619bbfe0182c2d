package io.vieweratlas.core.model;

import java.util.List;
import java.util.Objects;

/**
 * What was wrong or odd with the input of an analysis. Nothing here names a viewer.
 *
 * @param filesRead                 inputs read successfully
 * @param skipped                   inputs skipped, with location and reason, sorted
 * @param duplicateSnapshots        locations of snapshots ignored because their channel already had one at that time
 * @param channelsMissingMetadata   channels without a known game or language, sorted
 */
public record DataQualityReport(long filesRead, List<LoadReport.SkippedInput> skipped, List<String> duplicateSnapshots,
                                List<String> channelsMissingMetadata) {
    public DataQualityReport {
        skipped = List.copyOf(Objects.requireNonNull(skipped, "skipped"));
        duplicateSnapshots = List.copyOf(Objects.requireNonNull(duplicateSnapshots, "duplicateSnapshots"));
        channelsMissingMetadata = List.copyOf(Objects.requireNonNull(channelsMissingMetadata, "channelsMissingMetadata"));
    }
}
