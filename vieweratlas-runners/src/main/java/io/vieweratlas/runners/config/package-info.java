/** Loading configuration: YAML files (safely), environment overrides and command-line flags. */
package io.vieweratlas.runners.config;
