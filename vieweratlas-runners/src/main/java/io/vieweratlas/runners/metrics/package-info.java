/**
 * Metrics of the runtime roles as CloudWatch Embedded Metric Format lines on stdout
 * ({@link io.vieweratlas.runners.metrics.MetricsEmitter}).
 */
package io.vieweratlas.runners.metrics;
