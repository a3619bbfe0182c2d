package io.vieweratlas.twitch.http;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Logs each HTTP exchange at debug level as method, URL without query, status and duration.
 * Headers, query strings and bodies are never logged, so tokens, client secrets and user lists
 * cannot leak into logs.
 */
public final class RequestLogInterceptor implements Interceptor {
    private static final Logger LOG = LoggerFactory.getLogger(RequestLogInterceptor.class);

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!LOG.isDebugEnabled()) {
            return chain.proceed(request);
        }
        String target = request.url().newBuilder().query(null).build().toString();
        long start = System.nanoTime();
        try {
            Response response = chain.proceed(request);
            LOG.debug("{} {} -> {} ({} ms)", request.method(), target, response.code(),
                    (System.nanoTime() - start) / 1_000_000);
            return response;
        } catch (IOException e) {
            LOG.debug("{} {} -> {} ({} ms)", request.method(), target, e.getClass().getSimpleName(),
                    (System.nanoTime() - start) / 1_000_000);
            throw e;
        }
    }
}
