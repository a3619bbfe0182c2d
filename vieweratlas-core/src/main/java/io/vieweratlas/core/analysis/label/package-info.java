/** Stage 5: community labels by game and language, by the original project's rules. */
package io.vieweratlas.core.analysis.label;
