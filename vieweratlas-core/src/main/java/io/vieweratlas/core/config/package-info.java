/**
 * Configuration as validated records. {@link io.vieweratlas.core.config.ConfigSchema} names every
 * key, its type, range and default; {@link io.vieweratlas.core.config.ConfigResolver} layers
 * defaults, a preset, a file, the environment and command-line flags and checks the result.
 * Parsing a file format (YAML) is the runners' job: this package takes plain maps.
 */
package io.vieweratlas.core.config;
