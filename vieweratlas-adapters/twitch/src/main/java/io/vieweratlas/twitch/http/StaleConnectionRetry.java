package io.vieweratlas.twitch.http;

import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Retries, at once and without counting it as a failure, an idempotent request whose pooled
 * keep-alive connection the server had already closed. Servers close idle connections on their own
 * schedule; OkHttp reuses a pooled connection for a GET without probing it, so the request fails
 * with "unexpected end of stream" or a reset although nothing is wrong
 * (https://github.com/square/okhttp/issues/2738; OkHttp's own {@code retryOnConnectionFailure}
 * recovers "stale pooled connections" but also retries non-idempotent requests and unreachable
 * routes, which the Twitch adapter leaves to {@link CallExecutor}'s bounded, jittered backoff).
 *
 * <p>Only a failure on a connection taken from the pool counts as stale (a fresh connection that
 * fails is a real failure), and never a timeout. Before the retry the pool's idle connections are
 * evicted, since the server closed them together; at most {@value #MAX_RETRIES} such retries per request.
 */
public final class StaleConnectionRetry implements Interceptor {
    private static final Logger LOG = LoggerFactory.getLogger(StaleConnectionRetry.class);
    /** Stale-connection retries per request. */
    public static final int MAX_RETRIES = 3;
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    private final ConnectionPool pool;
    private final boolean postIsRead;
    /** Per call: whether its last connection came from the pool. Weak: a finished call is forgotten. */
    private final Map<Call, Boolean> pooled = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param pool       the client's connection pool (its idle connections are evicted before a retry)
     * @param postIsRead whether POST requests of this client only read (e.g. GraphQL queries) and may be repeated
     */
    public StaleConnectionRetry(ConnectionPool pool, boolean postIsRead) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.postIsRead = postIsRead;
    }

    /** The event listeners that tell this interceptor whether a call's connection was pooled. */
    public EventListener.Factory listenerFactory() {
        return call -> new EventListener() {
            private boolean connecting;

            @Override
            public void connectStart(Call c, InetSocketAddress address, Proxy proxy) {
                connecting = true;
            }

            @Override
            public void connectionAcquired(Call c, Connection connection) {
                pooled.put(c, !connecting);
                connecting = false;
            }
        };
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        int retries = 0;
        while (true) {
            try {
                return chain.proceed(request);
            } catch (IOException e) {
                boolean wasPooled = Boolean.TRUE.equals(pooled.remove(chain.call()));
                if (!wasPooled || e instanceof InterruptedIOException || !repeatable(request)
                        || retries >= MAX_RETRIES || chain.call().isCanceled()) {
                    throw e;
                }
                retries++;
                LOG.debug("{} {}: the pooled connection had been closed by the server ({}); sending again on a "
                        + "fresh one", request.method(), request.url().encodedPath(), e.toString());
                pool.evictAll();
            }
        }
    }

    private boolean repeatable(Request request) {
        return IDEMPOTENT.contains(request.method()) || (postIsRead && request.method().equals("POST"));
    }
}
