/**
 * Configuration: validated records, the schema that names every key with its type, range and default
 * ({@link io.vieweratlas.runners.config.ConfigSchema}), the layering of defaults, a preset, a YAML file
 * (read safely), the environment and command-line flags ({@link io.vieweratlas.runners.config.ConfigResolver},
 * {@link io.vieweratlas.runners.config.ConfigLoader}). The domain takes {@code AnalysisParameters}, not
 * configuration; the analysis defaults and ranges come from there.
 */
package io.vieweratlas.runners.config;
