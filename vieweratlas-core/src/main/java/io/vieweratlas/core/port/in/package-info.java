/**
 * Incoming ports: the use cases that callers (the command line, the collector service, the
 * benchmark, programs embedding the library) invoke, each with one typed request and one typed
 * result. The services in {@code io.vieweratlas.core.service} implement them.
 */
package io.vieweratlas.core.port.in;
