package io.vieweratlas.twitch.http;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A server that closes keep-alive connections while they sit idle in the client's pool, as real
 * servers do on their own idle timeout (MockWebServer's {@code DISCONNECT_AT_END}: the socket is
 * closed after the response although HTTP/1.1 keeps it alive).
 */
class StaleConnectionRetryTest {
    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private String get(OkHttpClient client) throws IOException {
        try (Response r = client.newCall(new Request.Builder().url(server.url("/x")).build()).execute()) {
            return r.body().string();
        }
    }

    private String post(OkHttpClient client) throws IOException {
        Request request = new Request.Builder().url(server.url("/gql"))
                .post(RequestBody.create("{}", MediaType.get("application/json"))).build();
        try (Response r = client.newCall(request).execute()) {
            return r.body().string();
        }
    }

    @Test
    void withoutTheRetryAGetOnAStalePooledConnectionFails() throws IOException {
        OkHttpClient plain = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
        server.enqueue(new MockResponse().setBody("one").setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
        server.enqueue(new MockResponse().setBody("two"));
        assertEquals("one", get(plain));
        assertThrows(IOException.class, () -> get(plain), "the fake really leaves a stale connection in the pool");
    }

    @Test
    void aGetOnAStalePooledConnectionIsSentAgainOnAFreshOne() throws IOException {
        OkHttpClient client = HttpClients.builder(false).build();
        server.enqueue(new MockResponse().setBody("one").setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
        server.enqueue(new MockResponse().setBody("two"));
        assertEquals("one", get(client));
        assertEquals("two", get(client));
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void aPostIsNotRepeatedBehindTheCallersBack() throws IOException {
        OkHttpClient writes = HttpClients.builder(false).build();
        server.enqueue(new MockResponse().setBody("one").setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
        server.enqueue(new MockResponse().setBody("two"));
        assertEquals("one", post(writes));
        assertThrows(IOException.class, () -> post(writes));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aPostOfAClientWhosePostsOnlyReadIsSentAgain() throws IOException {
        OkHttpClient reads = HttpClients.builder(true).build();
        server.enqueue(new MockResponse().setBody("one").setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
        server.enqueue(new MockResponse().setBody("two"));
        assertEquals("one", post(reads));
        assertEquals("two", post(reads));
    }

    @Test
    void aFreshConnectionThatFailsIsARealFailure() {
        OkHttpClient client = HttpClients.builder(false).build();
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        server.enqueue(new MockResponse().setBody("never asked for"));
        assertThrows(IOException.class, () -> get(client));
        assertEquals(1, server.getRequestCount(), "not retried here: CallExecutor's backoff decides");
    }
}
