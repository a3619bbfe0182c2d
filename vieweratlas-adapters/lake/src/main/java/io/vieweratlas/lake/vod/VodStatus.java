package io.vieweratlas.lake.vod;

import java.util.Locale;

/** Where a VOD is in the queue. */
public enum VodStatus {
    /** Waiting (possibly for a retry time) to be claimed. */
    PENDING,
    /** Claimed by a worker whose lease has not necessarily expired. */
    PROCESSING,
    /** Collected and written. */
    COMPLETED,
    /** Given up after the maximum number of attempts. */
    FAILED,
    /** Twitch says the VOD is gone or not visible (deleted, unpublished, sub-only): not retried. */
    UNAVAILABLE;

    /** The lower-case name stored in the queue file. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored name; throws IllegalArgumentException naming the value. */
    public static VodStatus fromWireName(String name) {
        for (VodStatus s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown VOD status '" + name
                + "' (allowed: pending, processing, completed, failed, unavailable)");
    }
}
