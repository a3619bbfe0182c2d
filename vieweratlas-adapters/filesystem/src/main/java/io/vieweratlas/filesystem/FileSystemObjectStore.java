package io.vieweratlas.filesystem;

import io.vieweratlas.core.port.ObjectInfo;
import io.vieweratlas.core.port.ObjectKeys;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.ObjectVersion;
import io.vieweratlas.core.port.StoreException;
import io.vieweratlas.core.port.StoredObject;
import io.vieweratlas.core.port.WriteOutcome;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An {@link ObjectStore} on a local directory.
 *
 * <p>An object is a regular file at the key's path below the root. Guarantees:
 * <ul>
 *   <li><b>Atomic writes.</b> Content goes to a temp file ({@code .tmp-<random>}) in the target's
 *       directory, is forced to disk, then renamed over the target with an atomic move, and the
 *       directory is forced too. A reader sees the old bytes or the new ones; a crash leaves at
 *       most a stray temp file, which listing and reads ignore and keys cannot name.</li>
 *   <li><b>Versions are content hashes</b> (SHA-256, hex): equal bytes have equal versions, so a
 *       value that changes and changes back (ABA) is harmless to compare-and-set.</li>
 *   <li><b>Put-if-absent</b> links the finished temp file to the target with
 *       {@link Files#createLink}, which the OS performs atomically and refuses when the target
 *       exists: correct between threads and processes without any lock. (Needs a file system
 *       with hard links, as every POSIX one and NTFS have.)</li>
 *   <li><b>Compare-and-set, put and delete</b> run under a per-key lock: a JVM-wide lock plus an
 *       OS file lock on a lock file under {@code .locks/} (outside the key space), so two
 *       processes cannot both win a compare-and-set. Under the lock the current version is
 *       computed from the current bytes, never from cached metadata.</li>
 *   <li><b>No escapes.</b> Keys are checked by {@link ObjectKeys#requireValid}; keys naming the
 *       store's own files ({@code .locks}, {@code .tmp-*}) are rejected; a key whose existing
 *       parent resolves (through symbolic links) outside the root is refused. Symbolic links
 *       inside the store are not objects: reads, stat and listing ignore them.</li>
 * </ul>
 *
 * <p>Because objects are files, one key cannot be both an object and a folder of other keys
 * ({@code a/b} and {@code a/b/c}); writing the second fails with a {@link StoreException}. The
 * lake's layout never does this. Keys are listed in Unicode code point order, which is S3's
 * (UTF-8 byte) order.
 *
 * <p>Listing needs versions without reading every file, so each write also records
 * {@code <hash> <size> <mtime>} in a user extended attribute where the file system supports
 * them. The attribute is trusted only while size and modification time still match; files
 * written by others (e.g. the original project) are hashed on first listing.
 */
public final class FileSystemObjectStore implements ObjectStore {

    /** Directory (directly under the root) holding lock files; never a key. */
    static final String LOCK_DIR = ".locks";
    /** Name prefix of temp files; never a key segment. */
    static final String TEMP_PREFIX = ".tmp-";
    private static final String VERSION_ATTRIBUTE = "vieweratlas.sha256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");

    private final Path root;
    private final String description;
    private final boolean userAttributes;

    /**
     * Opens (and creates if needed) a store rooted at {@code root}.
     *
     * @throws StoreException when the directory cannot be created or read
     */
    public FileSystemObjectStore(Path root) {
        Objects.requireNonNull(root, "root");
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
            this.userAttributes = Files.getFileStore(this.root).supportsFileAttributeView(UserDefinedFileAttributeView.class);
        } catch (IOException e) {
            throw new StoreException("file:" + root.toAbsolutePath(), "open", "", e);
        }
        this.description = "file:" + this.root;
    }

    /** The store's root directory (its real path). */
    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Optional<StoredObject> get(String key) {
        Path path = pathOf(key);
        try {
            requireInsideRoot(key, path.getParent());
            byte[] content;
            try (InputStream in = Files.newInputStream(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                content = in.readAllBytes();
            }
            return Optional.of(new StoredObject(key, content, ContentHash.version(content)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty(); // a directory or symbolic link is not an object
            }
            throw failure("get", key, e);
        }
    }

    /** {@inheritDoc} The file at the key's path below the root. */
    @Override
    public Optional<Path> localPath(String key) {
        return Optional.of(pathOf(key));
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        Path path = pathOf(key);
        try {
            requireInsideRoot(key, path.getParent());
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attrs.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(info(key, path, attrs));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("stat", key, e);
        }
    }

    @Override
    public ObjectVersion put(String key, byte[] content) {
        Objects.requireNonNull(content, "content");
        Path path = pathOf(key);
        Path temp = null;
        try {
            Path dir = prepareDirectory(key, path);
            temp = writeTemp(dir, content);
            Path finished = temp;
            KeyLocks.withLock(lockFile(key), () -> {
                moveIntoPlace(finished, path);
                return null;
            });
            temp = null;
            forceDirectory(dir);
            return ContentHash.version(content);
        } catch (IOException e) {
            throw failure("put", key, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public WriteOutcome putIfAbsent(String key, byte[] content) {
        Objects.requireNonNull(content, "content");
        Path path = pathOf(key);
        Path temp = null;
        try {
            Path dir = prepareDirectory(key, path);
            temp = writeTemp(dir, content);
            try {
                Files.createLink(path, temp);
            } catch (FileAlreadyExistsException exists) {
                return new WriteOutcome.Conflict(currentVersion(path));
            }
            forceDirectory(dir);
            return new WriteOutcome.Written(ContentHash.version(content));
        } catch (IOException e) {
            throw failure("putIfAbsent", key, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public WriteOutcome compareAndSet(String key, byte[] content, ObjectVersion expected) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(expected, "expected");
        Path path = pathOf(key);
        Path temp = null;
        try {
            Path dir = path.getParent();
            requireInsideRoot(key, dir);
            // A CAS that would fail fails now, before paying for a durable temp file. Answering
            // Conflict from this unlocked read is still linearizable: the version differed then.
            Optional<ObjectVersion> before = currentVersion(path);
            if (before.isEmpty() || !before.get().equals(expected)) {
                return new WriteOutcome.Conflict(before);
            }
            temp = writeTemp(dir, content);
            Path finished = temp;
            WriteOutcome outcome = KeyLocks.withLock(lockFile(key), () -> {
                Optional<ObjectVersion> current = currentVersion(path);
                if (current.isEmpty() || !current.get().equals(expected)) {
                    return new WriteOutcome.Conflict(current);
                }
                moveIntoPlace(finished, path);
                return new WriteOutcome.Written(ContentHash.version(content));
            });
            if (outcome.written()) {
                temp = null;
                forceDirectory(dir);
            }
            return outcome;
        } catch (IOException e) {
            throw failure("compareAndSet", key, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public boolean delete(String key) {
        Path path = pathOf(key);
        try {
            requireInsideRoot(key, path.getParent());
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            boolean deleted = KeyLocks.withLock(lockFile(key), () -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                    && Files.deleteIfExists(path));
            if (deleted) {
                forceDirectory(path.getParent());
            }
            return deleted;
        } catch (IOException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        return walk(prefix).map(entry -> {
            try {
                return info(entry.key(), entry.path(), entry.attributes());
            } catch (IOException e) {
                throw failure("list", prefix, e);
            }
        });
    }

    /** {@inheritDoc} Walks the tree as {@link #list} does, without computing versions. */
    @Override
    public Stream<String> listKeys(String prefix) {
        return walk(prefix).map(SortedTreeIterator.FileEntry::key);
    }

    private Stream<SortedTreeIterator.FileEntry> walk(String prefix) {
        ObjectKeys.requireValidPrefix(prefix);
        int slash = prefix.lastIndexOf('/');
        String dirKey = slash < 0 ? "" : prefix.substring(0, slash);
        String namePrefix = prefix.substring(slash + 1);
        if (!dirKey.isEmpty() && isReserved(dirKey)) {
            return Stream.empty();
        }
        Path dir = dirKey.isEmpty() ? root : root.resolve(dirKey);
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return Stream.empty();
            }
            requireInsideRoot(prefix, dir);
            SortedTreeIterator files = new SortedTreeIterator(dir, dirKey.isEmpty() ? "" : dirKey + "/", namePrefix,
                    FileSystemObjectStore::isReservedOrUnaddressableChild);
            Iterator<SortedTreeIterator.FileEntry> checked = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    try {
                        return files.hasNext();
                    } catch (UncheckedIOException e) {
                        throw failure("list", prefix, e.getCause());
                    }
                }

                @Override
                public SortedTreeIterator.FileEntry next() {
                    hasNext();
                    return files.next();
                }
            };
            Spliterator<SortedTreeIterator.FileEntry> split = Spliterators.spliteratorUnknownSize(checked,
                    Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT);
            return StreamSupport.stream(split, false);
        } catch (IOException e) {
            throw failure("list", prefix, e);
        } catch (UncheckedIOException e) {
            throw failure("list", prefix, e.getCause());
        }
    }

    /**
     * Deletes temp files left by writers that died mid-write, if last modified before
     * {@code cutoff}. They are invisible to readers, so this only reclaims space; choose a cutoff
     * well before any write that may still be running (e.g. an hour ago).
     *
     * @param cutoff temp files modified before this instant are deleted
     * @return how many were deleted
     */
    public int deleteTempFilesOlderThan(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        int[] deleted = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.equals(root.resolve(LOCK_DIR)) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile() && file.getFileName().toString().startsWith(TEMP_PREFIX)
                            && attrs.lastModifiedTime().toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
                        deleted[0]++;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // renamed into place or removed meanwhile
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw failure("deleteTempFiles", "", e);
        }
        return deleted[0];
    }

    // ---- keys and paths -------------------------------------------------------------------

    private Path pathOf(String key) {
        ObjectKeys.requireValid(key);
        if (isReserved(key)) {
            throw new IllegalArgumentException("object key '" + key + "' names the store's own files ("
                    + LOCK_DIR + "/ or a " + TEMP_PREFIX + "* segment) and cannot be used");
        }
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("object key '" + key + "' resolves outside the store root " + root);
        }
        return path;
    }

    /** Whether a key (or a key prefix ending in a segment) is one of the store's own files. */
    static boolean isReserved(String key) {
        if (key.equals(LOCK_DIR) || key.startsWith(LOCK_DIR + "/")) {
            return true;
        }
        for (String segment : key.split("/", -1)) {
            if (segment.startsWith(TEMP_PREFIX)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code keyPrefix + name} is reserved ({@link #isReserved}) or no valid key
     * ({@link ObjectKeys#requireValid}), e.g. a file name with a backslash, for a walk that checked the
     * prefix when it descended: only the new segment needs looking at (the walk calls this once
     * per directory entry, so the whole key is not split and scanned again each time).
     */
    static boolean isReservedOrUnaddressableChild(String keyPrefix, String name) {
        if (name.startsWith(TEMP_PREFIX) || (keyPrefix.isEmpty() && name.equals(LOCK_DIR))) {
            return true;
        }
        if (name.isEmpty() || name.equals(".") || name.equals("..")
                || (keyPrefix.isEmpty() && name.length() >= 2 && name.charAt(1) == ':')) {
            return true;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7f || c == '/') {
                return true;
            }
        }
        return false;
    }

    /** Refuses keys whose nearest existing ancestor lies (through links) outside the root. */
    private void requireInsideRoot(String key, Path dir) throws IOException {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !existing.toRealPath().startsWith(root)) {
            throw new IllegalArgumentException("object key '" + key + "' leads outside the store root " + root
                    + " (through a symbolic link)");
        }
    }

    private Path prepareDirectory(String key, Path path) throws IOException {
        Path dir = path.getParent();
        requireInsideRoot(key, dir);
        Files.createDirectories(dir);
        return dir;
    }

    private Path lockFile(String key) {
        String hash = ContentHash.hex(key);
        return root.resolve(LOCK_DIR).resolve(hash.substring(0, 2)).resolve(hash + ".lock");
    }

    // ---- writing --------------------------------------------------------------------------

    private Path writeTemp(Path dir, byte[] content) throws IOException {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        Path temp = dir.resolve(TEMP_PREFIX + HexFormat.of().formatHex(random));
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw e;
        }
        recordVersion(temp, ContentHash.hex(content));
        return temp;
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Cannot happen within one directory on a local file system; never fall back to a copy.
            throw new IOException("the file system cannot rename atomically within " + target.getParent(), e);
        }
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!WINDOWS) {
                throw e; // Windows cannot open directories; NTFS journals the rename itself
            }
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover temp file is invisible to readers and harmless
            }
        }
    }

    // ---- versions ---------------------------------------------------------------------------

    /** The version of the bytes at {@code path} now, hashed from the content. */
    private static Optional<ObjectVersion> currentVersion(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(ContentHash.version(in.readAllBytes()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private ObjectInfo info(String key, Path path, BasicFileAttributes attrs) throws IOException {
        return new ObjectInfo(key, attrs.size(), attrs.lastModifiedTime().toInstant(), versionOf(path, attrs));
    }

    private ObjectVersion versionOf(Path path, BasicFileAttributes attrs) throws IOException {
        String stamp = attrs.size() + " " + attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        Optional<String> recorded = readRecordedVersion(path);
        if (recorded.isPresent()) {
            String value = recorded.get();
            int space = value.indexOf(' ');
            if (space > 0 && value.substring(space + 1).equals(stamp)) {
                return new ObjectVersion(value.substring(0, space));
            }
        }
        byte[] content;
        try (InputStream in = Files.newInputStream(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            content = in.readAllBytes();
        }
        String hash = ContentHash.hex(content);
        if (content.length == attrs.size()) {
            recordVersion(path, hash); // cache for the next listing; the stamp is re-read there
        }
        return new ObjectVersion(hash);
    }

    private Optional<String> readRecordedVersion(Path path) {
        if (!userAttributes) {
            return Optional.empty();
        }
        try {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(path, UserDefinedFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (view == null) {
                return Optional.empty();
            }
            ByteBuffer buffer = ByteBuffer.allocate(view.size(VERSION_ATTRIBUTE));
            view.read(VERSION_ATTRIBUTE, buffer);
            buffer.flip();
            return Optional.of(StandardCharsets.US_ASCII.decode(buffer).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty(); // no attribute recorded: hash the content instead
        }
    }

    /** Records the hash with the file's current size and mtime; best effort (an optimisation only). */
    private void recordVersion(Path path, String hash) {
        if (!userAttributes) {
            return;
        }
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String value = hash + " " + attrs.size() + " " + attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            UserDefinedFileAttributeView view = Files.getFileAttributeView(path, UserDefinedFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (view != null) {
                view.write(VERSION_ATTRIBUTE, StandardCharsets.US_ASCII.encode(value));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // read-only or attribute-less file: listing falls back to hashing
        }
    }

    private StoreException failure(String action, String key, Throwable cause) {
        return new StoreException(description, action, key, cause);
    }

    @Override
    public String toString() {
        return "FileSystemObjectStore[" + root + "]";
    }
}
