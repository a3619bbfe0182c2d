/** Compact, thread-safe interning of viewer logins into dense integer ids. */
package io.vieweratlas.core.analysis.intern;
