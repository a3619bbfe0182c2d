package io.vieweratlas.runners.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JSON log lines (LOG_FORMAT=json) and the text fallback, through the shipped logback.xml. */
class JsonLogLayoutTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "oauth:abcdefghijklmnopqrstuvwxyz0123";

    private static LoggingEvent event(LoggerContext ctx, Level level, String message, Object arg, Throwable t) {
        LoggingEvent e = new LoggingEvent("test", ctx.getLogger("io.vieweratlas.Test"), level, message, t,
                new Object[] {arg});
        e.setTimeStamp(1767582000123L);
        e.setThreadName("main \"quoted\"");
        return e;
    }

    private static LoggerContext context() {
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        return ctx;
    }

    @Test
    void oneParseableJsonObjectPerEventWithRedactedMessageAndStackTrace() throws Exception {
        LoggerContext ctx = context();
        JsonLogLayout layout = new JsonLogLayout();
        layout.setContext(ctx);
        layout.start();
        String line = layout.doLayout(event(ctx, Level.ERROR, "token {} failed\nsecond line", TOKEN,
                new IllegalStateException("boom " + TOKEN)));
        assertTrue(line.endsWith(System.lineSeparator()));
        assertEquals(1, line.strip().lines().count(), "one physical line: " + line);
        JsonNode n = JSON.readTree(line);
        assertEquals("2026-01-05T03:00:00.123Z", n.get("timestamp").asText());
        assertEquals("ERROR", n.get("level").asText());
        assertEquals("io.vieweratlas.Test", n.get("logger").asText());
        assertEquals("main \"quoted\"", n.get("thread").asText());
        assertTrue(n.get("message").asText().endsWith("failed\nsecond line"), n.get("message").asText());
        assertFalse(line.contains(TOKEN), line);
        assertTrue(n.get("exception").asText().contains("IllegalStateException"), n.toString());
    }

    @Test
    void controlCharactersAreEscaped() throws Exception {
        StringBuilder sb = new StringBuilder();
        JsonLogLayout.string(sb, "a\u0001b\tc\\d\u2028");
        assertEquals("\"a\\u0001b\\tc\\\\d\\u2028\"", sb.toString());
        assertEquals("a\u0001b\tc\\d\u2028", JSON.readTree(sb.toString()).asText());
    }

    @Test
    void shippedConfigurationWritesJsonToStdoutWhenAskedAndTextToStderrOtherwise() throws Exception {
        String json = logThroughShippedConfig(Map.of("LOG_FORMAT", "json", "LOG_TARGET", "System.out"), true);
        JsonNode n = JSON.readTree(json);
        assertEquals("WARN", n.get("level").asText());
        assertEquals("hello world", n.get("message").asText());

        String text = logThroughShippedConfig(Map.of("LOG_FORMAT", "text", "LOG_TARGET", "System.err"), false);
        assertTrue(text.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  io\\.vieweratlas\\.Test - hello world\\R"), text);
    }

    /** Configures a fresh context from logback.xml with {@code properties} and logs one WARN line. */
    private static String logThroughShippedConfig(Map<String, String> properties, boolean stdout) throws JoranException {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        LoggerContext ctx = context();
        try {
            if (stdout) {
                System.setOut(capture);
            } else {
                System.setErr(capture);
            }
            properties.forEach(ctx::putProperty);
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(ctx);
            try (InputStream in = JsonLogLayoutTest.class.getResourceAsStream("/logback.xml")) {
                configurator.doConfigure(in);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            ctx.getLogger("io.vieweratlas.Test").warn("hello {}", "world");
        } finally {
            ctx.stop();
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
