package io.vieweratlas.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion per key, across threads and processes.
 *
 * <p>An OS lock on a lock file excludes other processes. It does not exclude threads of this
 * JVM: Java refuses a second lock on the same file with {@code OverlappingFileLockException},
 * and POSIX locks are per process anyway. So a JVM-wide lock, striped by lock-file path and
 * shared by every store instance (two stores may sit on one directory), is taken first.
 */
final class KeyLocks {

    private static final int STRIPES = 256;
    private static final ReentrantLock[] JVM_LOCKS = new ReentrantLock[STRIPES];

    static {
        for (int i = 0; i < STRIPES; i++) {
            JVM_LOCKS[i] = new ReentrantLock();
        }
    }

    /** An action that may fail with an I/O error. */
    @FunctionalInterface
    interface IoAction<T> {
        T run() throws IOException;
    }

    private KeyLocks() {
    }

    /** Runs {@code action} while holding the JVM stripe and the OS lock on {@code lockFile}. */
    static <T> T withLock(Path lockFile, IoAction<T> action) throws IOException {
        ReentrantLock jvmLock = JVM_LOCKS[Math.floorMod(lockFile.toString().hashCode(), STRIPES)];
        jvmLock.lock();
        try {
            Files.createDirectories(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return action.run();
            }
        } finally {
            jvmLock.unlock();
        }
    }
}
