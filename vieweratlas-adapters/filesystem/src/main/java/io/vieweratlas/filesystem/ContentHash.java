package io.vieweratlas.filesystem;

import io.vieweratlas.core.port.ObjectVersion;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of bytes as lower-case hex: the version of an object, so equal bytes mean equal versions. */
final class ContentHash {

    private ContentHash() {
    }

    static String hex(byte[] content) {
        return HexFormat.of().formatHex(digest().digest(content));
    }

    static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    static ObjectVersion version(byte[] content) {
        return new ObjectVersion(hex(content));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
