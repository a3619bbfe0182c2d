/** The {@code vieweratlas} command line: one picocli command per task, exit codes 0 ok, 1 failure, 2 usage or config error. */
package io.vieweratlas.runners.cli;
