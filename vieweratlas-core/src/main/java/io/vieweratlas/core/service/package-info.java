/**
 * The use-case services: each implements one incoming port of {@code io.vieweratlas.core.port.in}
 * by driving the domain ({@code io.vieweratlas.core.analysis}) and the outgoing ports. They are
 * the one home of a job; the command line, the collector service, the benchmark and the
 * {@code ViewerAtlas} facade only build requests and present results.
 */
package io.vieweratlas.core.service;
