package io.vieweratlas.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback S3 endpoint for one object that answers the first {@code conflicts} conditional
 * PUTs with S3's {@code 409 ConditionalRequestConflict} (what S3 sends while another conditional
 * write to the key is in flight), then evaluates {@code If-Match} like S3. Only PutObject and
 * HeadObject are spoken, which is all a compare-and-set needs.
 */
final class ConflictingS3 implements AutoCloseable {

    static final String ETAG = "\"11111111111111111111111111111111\"";
    static final String NEW_ETAG = "\"22222222222222222222222222222222\"";

    private final HttpServer server;
    private final AtomicInteger conditionalPuts = new AtomicInteger();
    private volatile String etag = ETAG;

    private ConflictingS3(int conflicts) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("x-amz-request-id", "FAKE0002");
                String method = exchange.getRequestMethod();
                if (method.equals("HEAD")) {
                    exchange.getResponseHeaders().add("ETag", etag);
                    exchange.getResponseHeaders().add("Content-Length", "1");
                    exchange.getResponseHeaders().add("Last-Modified", "Tue, 01 Jan 2030 00:00:00 GMT");
                    exchange.sendResponseHeaders(200, -1);
                    return;
                }
                String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
                if (method.equals("PUT") && ifMatch != null) {
                    if (conditionalPuts.incrementAndGet() <= conflicts) {
                        error(exchange, 409, "ConditionalRequestConflict",
                                "A conflicting conditional operation is currently in progress against this resource.");
                    } else if (!ifMatch.equals(etag)) {
                        error(exchange, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
                    } else {
                        etag = NEW_ETAG;
                        exchange.getResponseHeaders().add("ETag", etag);
                        exchange.sendResponseHeaders(200, -1);
                    }
                    return;
                }
                error(exchange, 501, "NotImplemented", "this fake speaks conditional PutObject and HeadObject only");
            }
        });
        server.start();
    }

    static ConflictingS3 start(int conflicts) throws IOException {
        return new ConflictingS3(conflicts);
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>FAKE0002</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    int conditionalPuts() {
        return conditionalPuts.get();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
