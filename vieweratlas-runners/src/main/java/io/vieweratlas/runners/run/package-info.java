/** Run records: every command that changes the lake leaves an auditable {@code runs/<command>/<timestamp>.json}. */
package io.vieweratlas.runners.run;
