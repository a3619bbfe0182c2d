/**
 * The VOD collector role ({@code vod}) and the chat archive import ({@code import}): discovery,
 * the queue loop, and turning a VOD's chat into curated presence buckets.
 */
package io.vieweratlas.runners.vod;
