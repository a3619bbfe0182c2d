package io.vieweratlas.runners.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FastLogbackConfiguratorTest {

    @Test
    void isFoundByLogbacksServiceLookup() {
        assertTrue(ServiceLoader.load(Configurator.class).stream()
                .anyMatch(p -> p.type() == FastLogbackConfigurator.class));
    }

    @Test
    void logsToStderrWithRedactedMessagesAtInfo() {
        LoggerContext context = new LoggerContext();
        FastLogbackConfigurator configurator = new FastLogbackConfigurator();
        configurator.setContext(context);

        assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configurator.configure(context));

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (System.getenv("LOG_LEVEL") == null && System.getProperty("LOG_LEVEL") == null) {
            assertEquals(Level.INFO, root.getLevel());
        }
        ConsoleAppender<?> appender = assertInstanceOf(ConsoleAppender.class, root.getAppender("CONSOLE"));
        if (System.getenv("LOG_TARGET") == null) {
            assertEquals("System.err", appender.getTarget());
        }
        String line = encodeWarn(root, appender);
        assertTrue(line.contains("token "), line);
        assertFalse(line.contains("abcdef123456"), line);
    }

    @Test
    void jsonOnStdoutWhenTheContainerAsksForIt() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        FastLogbackConfigurator.configure(context,
                Map.of("LOG_FORMAT", "json", "LOG_TARGET", "System.out", "LOG_LEVEL", "DEBUG"));
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.DEBUG, root.getLevel());
        ConsoleAppender<?> appender = assertInstanceOf(ConsoleAppender.class, root.getAppender("CONSOLE"));
        assertEquals("System.out", appender.getTarget());
        String line = encodeWarn(root, appender);
        assertTrue(line.startsWith("{") && line.strip().endsWith("}"), line);
        assertTrue(line.contains("\"level\":\"WARN\""), line);
        assertFalse(line.contains("abcdef123456"), line);
    }

    @SuppressWarnings("unchecked")
    private static String encodeWarn(ch.qos.logback.classic.Logger root, ConsoleAppender<?> appender) {
        LoggingEvent event = new LoggingEvent("x", root, Level.WARN, "token oauth:abcdef123456 used", null, null);
        return new String(((ConsoleAppender<ILoggingEvent>) appender).getEncoder().encode(event), StandardCharsets.UTF_8);
    }
}
