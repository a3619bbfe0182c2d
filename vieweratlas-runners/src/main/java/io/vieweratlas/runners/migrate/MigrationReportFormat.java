package io.vieweratlas.runners.migrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A {@link MigrationReport} as text for people and as JSON for scripts; both list findings in report order. */
public final class MigrationReportFormat {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MigrationReportFormat() {
    }

    /** The report as text: one section per category, one line per finding, then the verdict. */
    public static String text(MigrationReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("original installation at ").append(report.home()).append('\n');
        sb.append("  config: ").append(report.config().map(Object::toString).orElse("(none)")).append('\n');
        sb.append("  lake:   ").append(report.lake()).append('\n');
        for (Finding.Category category : Finding.Category.values()) {
            List<Finding> findings = report.of(category);
            sb.append('\n').append(title(category)).append(" (").append(findings.size()).append(")\n");
            for (Finding f : findings) {
                sb.append("  ").append(f.kind()).append(": ").append(f.subject());
                f.newName().ifPresent(n -> sb.append(" -> ").append(n));
                f.count().ifPresent(n -> sb.append(" [").append(n).append(']'));
                if (!f.detail().isEmpty()) {
                    sb.append("  ").append(f.detail());
                }
                sb.append('\n');
            }
        }
        sb.append('\n').append(report.complete() ? "everything carries over"
                : report.of(Finding.Category.WILL_NOT_LOAD).size() + " item(s) will not carry over as they are:"
                        + " see 'Will not load'").append('\n');
        return sb.toString();
    }

    /** The report as a JSON document: {@code home, config, lake, complete} and a list per category. */
    public static String json(MigrationReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("home", report.home().toString());
        root.put("config", report.config().map(Object::toString).orElse(null));
        root.put("lake", report.lake());
        root.put("complete", report.complete());
        for (Finding.Category category : Finding.Category.values()) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (Finding f : report.of(category)) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("kind", f.kind());
                item.put("subject", f.subject());
                f.newName().ifPresent(n -> item.put("new_name", n));
                f.count().ifPresent(n -> item.put("count", n));
                item.put("detail", f.detail());
                items.add(item);
            }
            root.put(category.name().toLowerCase(Locale.ROOT), items);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the migration report as JSON", e);
        }
    }

    private static String title(Finding.Category category) {
        return switch (category) {
            case CARRIES_OVER -> "Carries over";
            case MAPPED -> "Mapped (read under the new name, with a warning)";
            case IGNORED -> "Ignored";
            case WILL_NOT_LOAD -> "Will not load";
        };
    }
}
