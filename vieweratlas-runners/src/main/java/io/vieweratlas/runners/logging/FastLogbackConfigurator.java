package io.vieweratlas.runners.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import io.vieweratlas.runners.ProcessEnvironment;

import java.util.HashMap;
import java.util.Map;

/**
 * Configures Logback in code, the same set-up {@code logback.xml} describes (text on stderr by
 * default, JSON with {@code LOG_FORMAT=json}, stdout with {@code LOG_TARGET=System.out}, redacted
 * messages, root level from {@code LOG_LEVEL}, default INFO), found by Logback through
 * {@code META-INF/services}. Parsing the XML file costs about 0.3–0.4 s of every command's
 * start-up (the XML parser and Logback's Joran classes); this does not. A configuration file
 * named with {@code -Dlogback.configurationFile} still wins: this configurator then steps aside.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class FastLogbackConfigurator extends ContextAwareBase implements Configurator {

    /** The layout pattern, as in {@code logback.xml}. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %redactedMsg%n";

    /** Logback instantiates configurators through this constructor. */
    public FastLogbackConfigurator() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configure(context, ProcessEnvironment.variables());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Sets up {@code context} as {@code logback.xml} does, reading {@code LOG_FORMAT} (text or json),
     * {@code LOG_TARGET} (System.err or System.out) and {@code LOG_LEVEL} from {@code environment}
     * (a system property of the same name wins).
     */
    static void configure(LoggerContext context, Map<String, String> environment) {
        @SuppressWarnings("unchecked")
        Map<String, String> rules = (Map<String, String>) context.getObject(CoreConstants.PATTERN_RULE_REGISTRY);
        if (rules == null) {
            rules = new HashMap<>();
            context.putObject(CoreConstants.PATTERN_RULE_REGISTRY, rules);
        }
        rules.put("redactedMsg", RedactingMessageConverter.class.getName());

        ConsoleLayout layout = new ConsoleLayout();
        layout.setContext(context);
        layout.setFormat(setting("LOG_FORMAT", environment, "text"));
        layout.setPattern(PATTERN);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();

        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("CONSOLE");
        appender.setTarget(setting("LOG_TARGET", environment, "System.err"));
        appender.setEncoder(encoder);
        appender.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(setting("LOG_LEVEL", environment, "INFO"), Level.INFO));
        root.addAppender(appender);
    }

    private static String setting(String name, Map<String, String> environment, String fallback) {
        String value = System.getProperty(name, environment.get(name));
        return value == null || value.isBlank() ? fallback : value;
    }
}
