package io.vieweratlas.twitch.irc;

import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.twitch.Sleeper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.vieweratlas.twitch.irc.FakeIrcServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default transport, TLS ({@code ircs://}), against a fake server with a throw-away certificate for 127.0.0.1. */
class TlsChatTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    private static KeyStore keyStore;

    /** One throw-away key pair for the class (keytool starts a JVM: do it once). */
    @BeforeAll
    static void createKeyStore() throws Exception {
        keyStore = generate();
    }

    private static KeyStore selfSignedKeyStore() {
        return keyStore;
    }

    private static KeyStore generate() throws Exception {
        Path file = dir.resolve("irc.p12");
        // keytool from the running JDK, fixed arguments only.
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "irc", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0,
                () -> "keytool failed: " + new String(readAll(p.getInputStream())));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }

    @Test
    void chatsOverTlsWithHostNameVerification() throws Exception {
        KeyStore ks = selfSignedKeyStore();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("irc", ks.getCertificate("irc"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, tmf.getTrustManagers(), null);

        List<PresenceEvent> events = new CopyOnWriteArrayList<>();
        try (FakeIrcServer server = new FakeIrcServer(20, Duration.ofSeconds(10), Optional.empty(),
                Optional.of(serverContext))) {
            assertTrue(server.uri().startsWith("ircs://"));
            IrcSettings settings = IrcSettings.builder().uri(server.uri()).build();
            assertTrue(settings.tls());
            try (IrcChatClient client = new IrcChatClient(settings, IrcIdentity.anonymous(new SplittableRandom(1)),
                    events::add, new JoinRateLimiter(20, Duration.ofSeconds(10), Clock.systemUTC(), Sleeper.SYSTEM),
                    Clock.systemUTC(), Sleeper.SYSTEM, new SplittableRandom(1), clientContext.getSocketFactory())) {
                client.join("secure");
                server.awaitJoined(Duration.ofSeconds(10), "secure");
                server.say("secure", "tina", "5", "over tls");
                await("message over TLS", Duration.ofSeconds(10), () -> !events.isEmpty());
            }
        }
        assertEquals("tina", events.get(0).login());
        assertEquals(Evidence.MESSAGE, events.get(0).evidence());
    }

    @Test
    void anUntrustedCertificateIsRefused() throws Exception {
        KeyStore ks = selfSignedKeyStore();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        try (FakeIrcServer server = new FakeIrcServer(20, Duration.ofSeconds(10), Optional.empty(),
                Optional.of(serverContext))) {
            IrcSettings settings = IrcSettings.builder().uri(server.uri())
                    .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(50)).build();
            // The JDK's default trust store does not know the throw-away certificate.
            try (IrcChatClient client = new IrcChatClient(settings, IrcIdentity.anonymous(new SplittableRandom(1)),
                    e -> { }, new JoinRateLimiter(20, Duration.ofSeconds(10), Clock.systemUTC(), Sleeper.SYSTEM),
                    Clock.systemUTC(), Sleeper.SYSTEM, new SplittableRandom(1))) {
                client.join("secure");
                await("handshake attempts", Duration.ofSeconds(10), () -> server.connectionsAccepted() >= 2);
                assertEquals(0, server.joinsReceived(), "nothing is sent over an unverified connection");
            }
        }
    }
}
