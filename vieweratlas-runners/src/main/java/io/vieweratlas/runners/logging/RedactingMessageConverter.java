package io.vieweratlas.runners.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.vieweratlas.runners.config.Redaction;

/** Logback converter ({@code %redactedMsg}) that hides tokens and URL credentials in every message. */
public final class RedactingMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Redaction.text(super.convert(event));
    }
}
