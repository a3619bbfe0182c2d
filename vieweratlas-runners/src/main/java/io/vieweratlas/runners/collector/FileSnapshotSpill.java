package io.vieweratlas.runners.collector;

import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.lake.SnapshotFormatException;
import io.vieweratlas.lake.SnapshotJsonCodec;
import io.vieweratlas.twitch.collector.SnapshotSpill;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@link SnapshotSpill} on local disk: one lake-format JSON file per held snapshot, written
 * atomically (temporary file, then rename), so snapshots the store refused survive the process and
 * are written by the next run's first window. A file that cannot be read back is reported and
 * renamed to {@code .bad}, not retried.
 */
public final class FileSnapshotSpill implements SnapshotSpill {
    private static final Logger LOG = LoggerFactory.getLogger(FileSnapshotSpill.class);
    private static final String SUFFIX = ".json";

    private final Path dir;
    private final SnapshotJsonCodec codec = new SnapshotJsonCodec();

    /** @param dir the spill directory, created when first needed */
    public FileSnapshotSpill(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    @Override
    public synchronized void hold(PresenceSnapshot snapshot) {
        String name = snapshot.channel() + "_" + snapshot.timestamp().toEpochMilli() + "_"
                + snapshot.timestamp().getNano() + SUFFIX;
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".hold", ".tmp");
            try {
                Files.write(tmp, codec.encode(snapshot));
                Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill the snapshot of " + snapshot.channel() + " to " + dir, e);
        }
    }

    @Override
    public synchronized List<PresenceSnapshot> takeAll() {
        List<PresenceSnapshot> all = new ArrayList<>();
        for (Path file : files()) {
            try {
                all.add(codec.decode(Files.readAllBytes(file), Optional.empty()));
                Files.delete(file);
            } catch (SnapshotFormatException e) {
                LOG.error("spilled snapshot {} is unreadable ({}); set aside as .bad", file, e.getMessage());
                setAside(file);
            } catch (IOException e) {
                LOG.error("cannot read spilled snapshot {}: {}; left for the next chance", file, e.getMessage());
            }
        }
        return all;
    }

    @Override
    public synchronized int size() {
        return files().size();
    }

    @Override
    public String location() {
        return dir.toString();
    }

    private List<Path> files() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            LOG.error("cannot list the spill {}: {}", dir, e.getMessage());
            return List.of();
        }
    }

    private static void setAside(Path file) {
        try {
            Files.move(file, file.resolveSibling(file.getFileName() + ".bad"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.error("cannot set aside {}: {}", file, e.getMessage());
        }
    }
}
