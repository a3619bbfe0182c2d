package io.vieweratlas.runners.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.HashMap;
import java.util.Map;

/**
 * Configures Logback in code, the same set-up {@code logback.xml} describes (stderr, redacted
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
        @SuppressWarnings("unchecked")
        Map<String, String> rules = (Map<String, String>) context.getObject(CoreConstants.PATTERN_RULE_REGISTRY);
        if (rules == null) {
            rules = new HashMap<>();
            context.putObject(CoreConstants.PATTERN_RULE_REGISTRY, rules);
        }
        rules.put("redactedMsg", RedactingMessageConverter.class.getName());

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();

        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        String level = System.getProperty("LOG_LEVEL", System.getenv("LOG_LEVEL"));
        root.setLevel(Level.toLevel(level, Level.INFO));
        root.addAppender(appender);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
