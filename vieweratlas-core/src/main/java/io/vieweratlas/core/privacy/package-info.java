/**
 * Privacy at collection time: keyed pseudonyms for viewer logins, applied before presence data
 * is stored, so that the raw lake need hold no logins.
 */
package io.vieweratlas.core.privacy;
