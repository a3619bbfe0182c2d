package io.vieweratlas.twitch.irc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One IRC line, parsed: {@code [@tags] [:prefix] COMMAND [params...] [:trailing]}. Tag values
 * are unescaped per IRCv3 ({@code \:}→{@code ;}, {@code \s}→space, {@code \\}→{@code \},
 * {@code \r}, {@code \n}; any other escaped character stands for itself, a lone trailing
 * backslash is dropped).
 *
 * @param tags    tag keys to unescaped values (a tag without a value maps to the empty string)
 * @param prefix  the source ({@code nick!user@host} or a server name), if present
 * @param command the command or numeric, upper case as sent
 * @param params  the parameters, the trailing one last
 */
public record IrcMessage(Map<String, String> tags, Optional<String> prefix, String command, List<String> params) {

    public IrcMessage {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(tags, "tags")));
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(command, "command");
        params = List.copyOf(params);
    }

    /**
     * Parses one line (without CR LF).
     *
     * @throws IllegalArgumentException when the line has no command
     */
    public static IrcMessage parse(String line) {
        Objects.requireNonNull(line, "line");
        int i = 0;
        int n = line.length();
        Map<String, String> tags = new LinkedHashMap<>();
        if (i < n && line.charAt(i) == '@') {
            int end = indexOfSpace(line, i);
            parseTags(line.substring(i + 1, end), tags);
            i = skipSpaces(line, end);
        }
        String prefix = null;
        if (i < n && line.charAt(i) == ':') {
            int end = indexOfSpace(line, i);
            prefix = line.substring(i + 1, end);
            i = skipSpaces(line, end);
        }
        int cmdEnd = indexOfSpace(line, i);
        String command = line.substring(i, cmdEnd);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("IRC line has no command: '" + line + "'");
        }
        i = skipSpaces(line, cmdEnd);
        List<String> params = new ArrayList<>();
        while (i < n) {
            if (line.charAt(i) == ':') {
                params.add(line.substring(i + 1));
                break;
            }
            int end = indexOfSpace(line, i);
            params.add(line.substring(i, end));
            i = skipSpaces(line, end);
        }
        return new IrcMessage(tags, Optional.ofNullable(prefix), command, params);
    }

    /** The nick of the prefix ({@code nick} of {@code nick!user@host}), lower case as Twitch sends it. */
    public Optional<String> nick() {
        return prefix.map(p -> {
            int bang = p.indexOf('!');
            return bang >= 0 ? p.substring(0, bang) : p;
        }).filter(s -> !s.isEmpty());
    }

    /** Parameter {@code index}, if present. */
    public Optional<String> param(int index) {
        return index < params.size() ? Optional.of(params.get(index)) : Optional.empty();
    }

    /** A tag value, if the tag is present. */
    public Optional<String> tag(String key) {
        return Optional.ofNullable(tags.get(key));
    }

    /** Unescapes an IRCv3 tag value. */
    public static String unescapeTagValue(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i >= raw.length()) {
                break; // a lone trailing backslash is dropped
            }
            char e = raw.charAt(i);
            switch (e) {
                case ':' -> sb.append(';');
                case 's' -> sb.append(' ');
                case '\\' -> sb.append('\\');
                case 'r' -> sb.append('\r');
                case 'n' -> sb.append('\n');
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }

    /** Escapes a value for an IRCv3 tag (the inverse of {@link #unescapeTagValue(String)}). */
    public static String escapeTagValue(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case ';' -> sb.append("\\:");
                case ' ' -> sb.append("\\s");
                case '\\' -> sb.append("\\\\");
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void parseTags(String raw, Map<String, String> tags) {
        for (String part : raw.split(";", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                tags.put(part, "");
            } else {
                tags.put(part.substring(0, eq), unescapeTagValue(part.substring(eq + 1)));
            }
        }
    }

    private static int indexOfSpace(String s, int from) {
        int i = s.indexOf(' ', from);
        return i < 0 ? s.length() : i;
    }

    private static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
