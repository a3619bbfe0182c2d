/** Stage 2: removal of bots, heavy accounts and channels below the observation and audience minimums. */
package io.vieweratlas.core.analysis.filter;
