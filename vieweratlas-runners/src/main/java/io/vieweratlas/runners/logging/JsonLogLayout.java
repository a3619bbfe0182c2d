package io.vieweratlas.runners.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import io.vieweratlas.runners.config.Redaction;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JSON object per log event, for CloudWatch Logs Insights:
 * {@code {"timestamp":"2026-01-05T03:00:00.123Z","level":"INFO","logger":"…","thread":"…","message":"…"}}
 * plus {@code "mdc"} (sorted) when the MDC has entries and {@code "exception"} (the stack trace)
 * when the event has one. Message and stack trace pass through {@link Redaction#text(String)},
 * like the text layout's {@code %redactedMsg}, so tokens never reach a log.
 */
public final class JsonLogLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder sb = new StringBuilder(256);
        sb.append('{');
        field(sb, "timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString()).append(',');
        field(sb, "level", event.getLevel().toString()).append(',');
        field(sb, "logger", event.getLoggerName()).append(',');
        field(sb, "thread", event.getThreadName()).append(',');
        field(sb, "message", Redaction.text(event.getFormattedMessage()));
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null && !mdc.isEmpty()) {
            sb.append(",\"mdc\":{");
            boolean first = true;
            for (Map.Entry<String, String> e : new TreeMap<>(mdc).entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                field(sb, e.getKey(), Redaction.text(String.valueOf(e.getValue())));
            }
            sb.append('}');
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            sb.append(',');
            field(sb, "exception", Redaction.text(ThrowableProxyUtil.asString(thrown)));
        }
        return sb.append('}').append(CoreConstants.LINE_SEPARATOR).toString();
    }

    private static StringBuilder field(StringBuilder sb, String name, String value) {
        string(sb, name).append(':');
        return string(sb, value == null ? "" : value);
    }

    /** Appends {@code s} as a JSON string (RFC 8259 escapes; control characters as \\u00XX). */
    static StringBuilder string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
