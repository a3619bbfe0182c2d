package io.vieweratlas.core.port;

/**
 * The storage behind a port failed (I/O error, access denied, missing bucket). The message
 * names the store, the action and the key so an operator can act on it.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String store;
    private final String action;
    private final String key;

    /**
     * @param store  the store, as {@link ObjectStore#describe()} gives it
     * @param action what was attempted (e.g. {@code put}, {@code list})
     * @param key    the key or prefix concerned, may be empty
     * @param cause  the underlying failure
     */
    public StoreException(String store, String action, String key, Throwable cause) {
        super(action + " " + (key.isEmpty() ? "" : "'" + key + "' ") + "on " + store + " failed: "
                + (cause == null ? "unknown cause" : cause.getMessage()), cause);
        this.store = store;
        this.action = action;
        this.key = key;
    }

    /** The store that failed. */
    public String store() {
        return store;
    }

    /** The action that failed. */
    public String action() {
        return action;
    }

    /** The key or prefix concerned (may be empty). */
    public String key() {
        return key;
    }
}
