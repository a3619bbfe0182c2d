package io.vieweratlas.s3;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A loopback endpoint that answers like S3 does for a bucket in another region: HEAD gets
 * {@code 301} with the bucket's region in {@code x-amz-bucket-region} and no body; other requests
 * get {@code 301} with a {@code PermanentRedirect} error document. S3Proxy has no regions, so
 * this is how the wrong-region start-up check meets the real wire behaviour.
 */
final class WrongRegionS3 implements AutoCloseable {

    private final HttpServer server;

    private WrongRegionS3(HttpServer server) {
        this.server = server;
    }

    static WrongRegionS3 start(String bucketRegion) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("x-amz-bucket-region", bucketRegion);
                exchange.getResponseHeaders().add("x-amz-request-id", "FAKE0001");
                if (exchange.getRequestMethod().equals("HEAD")) {
                    exchange.sendResponseHeaders(301, -1);
                    return;
                }
                byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>PermanentRedirect</Code>"
                        + "<Message>The bucket you are attempting to access must be addressed using the specified"
                        + " endpoint. Please send all future requests to this endpoint.</Message>"
                        + "<Endpoint>s3." + bucketRegion + ".amazonaws.com</Endpoint></Error>")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/xml");
                exchange.sendResponseHeaders(301, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        return new WrongRegionS3(server);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
