package io.vieweratlas.twitch.http;

import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/** The OkHttp client builder every Twitch HTTP client starts from. */
public final class HttpClients {

    private HttpClients() {
    }

    /**
     * A builder with its own connection pool, OkHttp's own retries off (retries are bounded and
     * jittered by {@link CallExecutor}) and {@link StaleConnectionRetry} on, so a keep-alive
     * connection the server closed while idle costs neither a warning nor a backoff.
     *
     * @param postIsRead whether this client's POST requests only read (GraphQL queries) and may be repeated
     */
    public static OkHttpClient.Builder builder(boolean postIsRead) {
        ConnectionPool pool = new ConnectionPool();
        StaleConnectionRetry stale = new StaleConnectionRetry(pool, postIsRead);
        return new OkHttpClient.Builder().connectionPool(pool).retryOnConnectionFailure(false)
                .addInterceptor(stale).eventListenerFactory(stale.listenerFactory());
    }
}
