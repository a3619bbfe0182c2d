/** Runners: the command line and the Guice wiring of each runtime role (collector, analysis, VOD). */
package io.vieweratlas.runners;
