package io.vieweratlas.core.model;

/** Which evidence counts as presence when snapshots carry per-viewer evidence. */
public enum PresencePolicy {
    /** Only viewers who sent a message count (the original project's behaviour for IRC data). */
    STRICT,
    /** Any evidence counts: messages, JOINs and NAMES listings. */
    INCLUSIVE
}
