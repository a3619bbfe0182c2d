package io.vieweratlas.filesystem;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiPredicate;

/**
 * Walks a directory tree lazily and yields regular files as keys in ascending key order.
 *
 * <p>Key order is not the order of a plain sorted depth-first walk: {@code a-c} sorts before
 * {@code a/b} because {@code '-' < '/'}. Sorting each directory's entries by name, with a
 * {@code '/'} appended to directory names, gives exactly key order, because every key below a
 * directory {@code a} starts with {@code a/} and no sibling name contains a slash.
 *
 * <p>Only one directory listing per level is held in memory. Symbolic links and other special
 * files are skipped; so are names the {@code skipName} predicate rejects (temp and lock files).
 */
final class SortedTreeIterator implements Iterator<SortedTreeIterator.FileEntry> {

    /** A regular file found by the walk. */
    record FileEntry(String key, Path path, BasicFileAttributes attributes) {
    }

    /** {@code sortName}: the name, with {@code /} appended for a directory (computed once, for sorting). */
    private record Entry(String name, String sortName, Path path, BasicFileAttributes attributes) {
        Entry(String name, Path path, BasicFileAttributes attributes) {
            this(name, attributes.isDirectory() ? name + "/" : name, path, attributes);
        }
    }

    private record Frame(String keyPrefix, Iterator<Entry> entries) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::sortName, KeyOrder.CODE_POINTS);

    private final Deque<Frame> stack = new ArrayDeque<>();
    private final BiPredicate<String, String> skipName;
    private FileEntry next;

    /**
     * @param dir        the directory to start in
     * @param keyPrefix  the key of {@code dir} followed by {@code /}, or empty for the root
     * @param namePrefix only entries of {@code dir} whose names start with it are walked
     * @param skipName   entries to leave out, given as (key prefix of their directory, name)
     */
    SortedTreeIterator(Path dir, String keyPrefix, String namePrefix, BiPredicate<String, String> skipName)
            throws IOException {
        this.skipName = skipName;
        List<Entry> top = read(dir, keyPrefix);
        top.removeIf(e -> !e.name().startsWith(namePrefix));
        stack.push(new Frame(keyPrefix, top.iterator()));
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        try {
            next = advance();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return next != null;
    }

    @Override
    public FileEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        FileEntry result = next;
        next = null;
        return result;
    }

    private FileEntry advance() throws IOException {
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            if (!frame.entries().hasNext()) {
                stack.pop();
                continue;
            }
            Entry entry = frame.entries().next();
            String key = frame.keyPrefix() + entry.name();
            if (entry.attributes().isDirectory()) {
                String childPrefix = key + "/";
                stack.push(new Frame(childPrefix, read(entry.path(), childPrefix).iterator()));
            } else {
                return new FileEntry(key, entry.path(), entry.attributes());
            }
        }
        return null;
    }

    private List<Entry> read(Path dir, String keyPrefix) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                String name = child.getFileName().toString();
                if (skipName.test(keyPrefix, name)) {
                    continue;
                }
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException vanished) {
                    continue; // deleted while we listed: not there any more
                }
                if (attrs.isDirectory() || attrs.isRegularFile()) {
                    entries.add(new Entry(name, child, attrs));
                }
            }
        } catch (NoSuchFileException | NotDirectoryException gone) {
            return entries; // directory removed or replaced while listing: nothing below it
        }
        entries.sort(ORDER);
        return entries;
    }
}
