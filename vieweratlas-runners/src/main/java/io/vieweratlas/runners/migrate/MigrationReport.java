package io.vieweratlas.runners.migrate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a migration check found in an original installation.
 *
 * @param home     the directory the original ran in (its relative paths resolve there)
 * @param config   the original's config file, if one was checked
 * @param lake     the original's lake: its directory, or its S3 location
 * @param findings every finding, grouped by category in the order carries over, mapped, ignored, will not load
 */
public record MigrationReport(Path home, Optional<Path> config, String lake, List<Finding> findings) {

    public MigrationReport {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(lake, "lake");
        findings = findings.stream()
                .sorted(java.util.Comparator.comparing(Finding::category))
                .toList();
    }

    /** The findings of one category, in the order they were found. */
    public List<Finding> of(Finding.Category category) {
        return findings.stream().filter(f -> f.category() == category).toList();
    }

    /** Whether everything carries over: nothing falls under {@link Finding.Category#WILL_NOT_LOAD}. */
    public boolean complete() {
        return of(Finding.Category.WILL_NOT_LOAD).isEmpty();
    }
}
