package io.vieweratlas.lake;

import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.filesystem.FileSystemObjectStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One-call access to a lake on local disk, for embedders and research scripts. The returned
 * {@link LakeSnapshotStore} is a {@link io.vieweratlas.core.port.PresenceSource} (for analysis) and
 * a {@link io.vieweratlas.core.port.SnapshotStore} (for writing snapshots).
 *
 * <pre>{@code
 * AnalysisResult r = ViewerAtlas.analysis().source(Lakes.openDirectory(Path.of("data"))).run();
 * }</pre>
 */
public final class Lakes {

    private Lakes() {
    }

    /**
     * Opens the existing lake whose root (the folder holding {@code raw/}) is {@code directory}.
     *
     *
     * @param directory the lake root directory
     * @return a snapshot store (and presence source) on the directory
     * @throws IllegalArgumentException when {@code directory} does not exist or is not a directory
     */
    public static LakeSnapshotStore openDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no lake directory at " + directory.toAbsolutePath()
                    + (Files.exists(directory) ? " (it is not a directory)" : " (it does not exist)"));
        }
        return LakeSnapshotStore.on(new FileSystemObjectStore(directory));
    }

    /**
     * Opens the lake at {@code directory}, creating the directory (and its parents) when missing,
     * e.g. to collect into.
     *
     * @param directory the lake root directory
     * @return a snapshot store (and presence source) on the directory
     */
    public static LakeSnapshotStore createDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return LakeSnapshotStore.on(new FileSystemObjectStore(directory));
    }

    /**
     * A lake on any object store: one's own {@link ObjectStore} implementation, or the S3 store of
     * {@code vieweratlas-s3}. Same as {@link LakeSnapshotStore#on(ObjectStore)}.
     *
     * @param store the object store holding (or to hold) the lake's keys
     * @return a snapshot store (and presence source) on {@code store}
     */
    public static LakeSnapshotStore on(ObjectStore store) {
        return LakeSnapshotStore.on(Objects.requireNonNull(store, "store"));
    }
}
