package io.vieweratlas.core.privacy;

import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.core.model.PresenceSnapshot;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Replaces viewer logins by keyed pseudonyms: {@code p_} followed by the lower-case base32 of the
 * first 10 bytes of {@code HMAC-SHA256(key, login)} (18 characters, a valid login shape, so every
 * later stage works unchanged). The same key gives the same pseudonym for a login in every run,
 * so audiences still overlap across snapshots; without the key a pseudonym cannot be checked
 * against a guessed login. 80 bits make collisions negligible for any realistic viewer count.
 *
 * <p>The key comes from the environment ({@value #KEY_VARIABLE}) and is never logged or shown:
 * {@link #toString()} does not reveal it.
 */
public final class Pseudonymizer {

    /** Environment variable holding the key. */
    public static final String KEY_VARIABLE = "VIEWERATLAS_PSEUDONYM_KEY";
    /** Shortest accepted key, in bytes (UTF-8). */
    public static final int MIN_KEY_BYTES = 16;
    /** Prefix of every pseudonym. */
    public static final String PREFIX = "p_";
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final Pseudonymizer NONE = new Pseudonymizer(null);

    private final SecretKeySpec key;

    private Pseudonymizer(SecretKeySpec key) {
        this.key = key;
    }

    /** The pseudonymizer that leaves logins as they are (pseudonymization switched off). */
    public static Pseudonymizer none() {
        return NONE;
    }

    /**
     * A pseudonymizer with {@code key}.
     *
     * @throws IllegalArgumentException when the key is shorter than {@value #MIN_KEY_BYTES} bytes (the message
     *                                  never contains the key)
     */
    public static Pseudonymizer withKey(String key) {
        Objects.requireNonNull(key, "key");
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(KEY_VARIABLE + " must hold at least " + MIN_KEY_BYTES
                    + " bytes, it holds " + bytes.length);
        }
        return new Pseudonymizer(new SecretKeySpec(bytes, "HmacSHA256"));
    }

    /**
     * The pseudonymizer keyed by {@value #KEY_VARIABLE} in {@code environment}.
     *
     * @throws IllegalArgumentException when the variable is missing, blank or too short
     */
    public static Pseudonymizer fromEnvironment(Map<String, String> environment) {
        String key = environment.get(KEY_VARIABLE);
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("collection.pseudonymize is on but " + KEY_VARIABLE
                    + " is not set; set it to a secret of at least " + MIN_KEY_BYTES + " bytes");
        }
        return withKey(key);
    }

    /** Whether logins are replaced ({@code false} for {@link #none()}). */
    public boolean enabled() {
        return key != null;
    }

    /** The pseudonym of {@code login} (case-insensitive), or the login itself when switched off. */
    public String pseudonym(String login) {
        Objects.requireNonNull(login, "login");
        if (key == null) {
            return login;
        }
        byte[] mac;
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            mac = m.doFinal(login.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
        StringBuilder sb = new StringBuilder(PREFIX.length() + 16).append(PREFIX);
        // 10 bytes = 80 bits = 16 base32 digits of 5 bits
        long hi = 0;
        for (int i = 0; i < 5; i++) {
            hi = (hi << 8) | (mac[i] & 0xff);
        }
        long lo = 0;
        for (int i = 5; i < 10; i++) {
            lo = (lo << 8) | (mac[i] & 0xff);
        }
        for (long part : new long[]{hi, lo}) {
            for (int shift = 35; shift >= 0; shift -= 5) {
                sb.append(BASE32[(int) ((part >>> shift) & 31)]);
            }
        }
        return sb.toString();
    }

    /** {@code snapshot} with every chatter (and its evidence) under its pseudonym; the channel is kept. */
    public PresenceSnapshot apply(PresenceSnapshot snapshot) {
        if (key == null) {
            return snapshot;
        }
        TreeSet<String> chatters = new TreeSet<>();
        for (String c : snapshot.chatters()) {
            chatters.add(pseudonym(c));
        }
        PresenceSnapshot.Builder b = PresenceSnapshot.builder(snapshot.channel(), snapshot.timestamp())
                .window(snapshot.window()).source(snapshot.source()).stream(snapshot.stream()).chatters(chatters);
        for (Map.Entry<String, Set<Evidence>> e : snapshot.evidence().entrySet()) {
            b.evidence(pseudonym(e.getKey()), e.getValue());
        }
        snapshot.channelId().ifPresent(b::channelId);
        snapshot.contentId().ifPresent(b::contentId);
        return b.build();
    }

    @Override
    public String toString() {
        return key == null ? "Pseudonymizer[off]" : "Pseudonymizer[HMAC-SHA256, key from " + KEY_VARIABLE + "]";
    }
}
