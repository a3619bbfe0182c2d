package io.vieweratlas.runners.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records every S3 request any SDK client in this JVM sends while recording is on: the operation,
 * bucket, key or list prefix and the conditional headers, as they leave for the wire.
 *
 * <p>Registered as an SDK-wide interceptor through the classpath file
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} (the SDK's documented hook
 * for interceptors of clients the test does not build itself:
 * https://sdk.amazonaws.com/java/api/latest/software/amazon/awssdk/core/interceptor/ExecutionInterceptor.html),
 * so the clients the runners open through their own wiring are recorded unchanged.
 * {@code beforeTransmission} runs once per attempt, after signing, with the final HTTP request.
 *
 * <p>A process started with {@code -D}{@value #FILE_PROPERTY}{@code =FILE} (a role run as a child
 * JVM) appends each request to FILE as one JSON line; {@link #read(Path)} reads them back. Without
 * the property the interceptor does nothing.
 */
public final class S3RequestLog implements ExecutionInterceptor {

    /**
     * One request.
     *
     * @param operation   the S3 API operation, e.g. {@code PutObject}
     * @param bucket      the bucket addressed
     * @param key         the object key, for object operations
     * @param prefix      the list prefix, for list operations
     * @param ifMatch     the {@code If-Match} header sent
     * @param ifNoneMatch the {@code If-None-Match} header sent
     */
    public record Request(String operation, String bucket, Optional<String> key, Optional<String> prefix,
                          Optional<String> ifMatch, Optional<String> ifNoneMatch) {
        @Override
        public String toString() {
            return operation + " " + bucket + key.map(k -> "/" + k).orElse("")
                    + prefix.map(p -> " prefix=" + p).orElse("")
                    + ifMatch.map(v -> " If-Match:" + v).orElse("")
                    + ifNoneMatch.map(v -> " If-None-Match:" + v).orElse("");
        }
    }

    /** The system property naming the file requests are appended to. */
    static final String FILE_PROPERTY = "vieweratlas.test.s3-request-log";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The SDK instantiates this through its no-argument constructor. */
    public S3RequestLog() {
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null) {
            return;
        }
        SdkRequest request = context.request();
        SdkHttpRequest http = context.httpRequest();
        ObjectNode line = JSON.createObjectNode();
        line.put("operation", attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        line.put("bucket", request.getValueForField("Bucket", String.class).orElse(""));
        request.getValueForField("Key", String.class).ifPresent(v -> line.put("key", v));
        request.getValueForField("Prefix", String.class).ifPresent(v -> line.put("prefix", v));
        http.firstMatchingHeader("If-Match").ifPresent(v -> line.put("ifMatch", v));
        http.firstMatchingHeader("If-None-Match").ifPresent(v -> line.put("ifNoneMatch", v));
        synchronized (S3RequestLog.class) {
            try {
                Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The requests recorded in {@code file}, in order (none when it does not exist). */
    static List<Request> read(Path file) throws IOException {
        List<Request> requests = new ArrayList<>();
        if (!Files.exists(file)) {
            return requests;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode n = JSON.readTree(line);
            requests.add(new Request(n.get("operation").asText(), n.get("bucket").asText(), text(n, "key"),
                    text(n, "prefix"), text(n, "ifMatch"), text(n, "ifNoneMatch")));
        }
        return requests;
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).map(JsonNode::asText);
    }
}
