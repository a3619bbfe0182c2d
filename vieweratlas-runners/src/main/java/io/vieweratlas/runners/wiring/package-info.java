/**
 * Guice wiring. {@link io.vieweratlas.runners.wiring.BaseModule} binds the configuration, clock
 * and lake storage every role shares; each runtime role (analysis, collector, VOD) adds its own
 * module. Guice stays here: the core and adapters are plain constructors for embedders.
 */
package io.vieweratlas.runners.wiring;
