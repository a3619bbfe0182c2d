package io.vieweratlas.core.port;

/** The rules every {@link ObjectStore} key obeys, shared by all implementations. */
public final class ObjectKeys {

    private ObjectKeys() {
    }

    /**
     * Returns {@code key} when it is a valid object key: non-empty, relative, slash-separated,
     * without empty, {@code .} or {@code ..} segments, backslashes or control characters.
     *
     * @throws IllegalArgumentException naming the key and the rule it breaks
     */
    public static String requireValid(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("object key must not be empty");
        }
        if (key.startsWith("/")) {
            throw new IllegalArgumentException("object key '" + key + "' must be relative, not absolute");
        }
        if (key.endsWith("/")) {
            throw new IllegalArgumentException("object key '" + key + "' must not end with '/'");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("object key '" + key.replaceAll("\\p{Cntrl}", "?")
                        + "' contains a forbidden character at position " + i);
            }
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("object key '" + key
                        + "' has an empty, '.' or '..' segment (keys may not escape the store)");
            }
        }
        if (key.length() >= 2 && key.charAt(1) == ':') {
            throw new IllegalArgumentException("object key '" + key + "' looks like a drive path");
        }
        return key;
    }

    /**
     * Returns {@code prefix} when it is a valid listing prefix: empty, or a key-like string that
     * may end with {@code /}.
     */
    public static String requireValidPrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("prefix must not be null");
        }
        if (prefix.isEmpty()) {
            return prefix;
        }
        requireValid(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        return prefix;
    }
}
