package io.vieweratlas.twitch.collector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code channels.txt}: channel logins to watch, one per line. Blank lines, lines starting with
 * {@code #} and trailing {@code " # comments"} are ignored; a leading {@code @} and case are normalized.
 */
public final class ChannelsFile {
    private static final Pattern LOGIN = Pattern.compile("[a-z0-9_]{1,25}");

    private ChannelsFile() {
    }

    /**
     * Reads the logins of {@code file}, sorted and distinct; a missing file is empty.
     *
     * @throws IllegalArgumentException naming the file and line of a value that is not a login
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static List<String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read channels file " + file + ": " + e.getMessage(), e);
        }
        TreeSet<String> logins = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int comment = line.indexOf(" #");
            if (comment >= 0) {
                line = line.substring(0, comment).strip();
            }
            String login = line.toLowerCase(Locale.ROOT);
            if (login.startsWith("@")) {
                login = login.substring(1);
            }
            if (!LOGIN.matcher(login).matches()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": '" + lines.get(i).strip()
                        + "' is not a Twitch channel login (letters, digits, underscore; at most 25)");
            }
            logins.add(login);
        }
        return List.copyOf(logins);
    }

    /** Writes {@code logins} to {@code file} atomically, one per line, in the given order. */
    public static void write(Path file, Collection<String> logins) {
        write(file, List.of(), logins);
    }

    /**
     * Writes {@code logins} to {@code file} atomically, one per line in the given order, after
     * {@code header} lines written as {@code # } comments.
     */
    public static void write(Path file, List<String> header, Collection<String> logins) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".channels", ".tmp");
            try {
                List<String> lines = new ArrayList<>();
                header.forEach(h -> lines.add("# " + h));
                lines.addAll(logins);
                Files.write(tmp, lines, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write channels file " + file + ": " + e.getMessage(), e);
        }
    }
}
