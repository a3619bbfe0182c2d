package io.vieweratlas.runners.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.LayoutBase;

import java.util.Locale;

/**
 * The console layout of logback.xml: {@link JsonLogLayout} when {@code format} is {@code json}
 * (logback.xml sets it from {@code LOG_FORMAT}), otherwise a {@link PatternLayout} with
 * {@code pattern}. Any other format value falls back to text with a status warning.
 */
public final class ConsoleLayout extends LayoutBase<ILoggingEvent> {
    private String format = "text";
    private String pattern = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %redactedMsg%n";
    private Layout<ILoggingEvent> delegate;

    /** {@code json} or {@code text}. */
    public void setFormat(String format) {
        this.format = format == null ? "text" : format.strip().toLowerCase(Locale.ROOT);
    }

    /** The pattern of the text format. */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    /** Whether events are written as JSON. */
    public boolean json() {
        return format.equals("json");
    }

    @Override
    public void start() {
        if (json()) {
            delegate = new JsonLogLayout();
        } else {
            if (!format.equals("text") && !format.isEmpty()) {
                addWarn("LOG_FORMAT must be json or text, was '" + format + "'; using text");
            }
            PatternLayout text = new PatternLayout();
            text.setPattern(pattern);
            delegate = text;
        }
        delegate.setContext(getContext());
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return delegate.doLayout(event);
    }
}
