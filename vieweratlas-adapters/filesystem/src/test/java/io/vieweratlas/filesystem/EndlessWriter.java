package io.vieweratlas.filesystem;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Child process of the crash test: opens the store at {@code args[0]} and rewrites object
 * {@code args[1]} forever with {@code args[2]} bytes all equal to a counter, printing
 * {@code wrote} after each of the first few writes, until it is killed.
 */
public final class EndlessWriter {

    private EndlessWriter() {
    }

    public static void main(String[] args) {
        FileSystemObjectStore store = new FileSystemObjectStore(Path.of(args[0]));
        byte[] content = new byte[Integer.parseInt(args[2])];
        for (int i = 0; ; i++) {
            Arrays.fill(content, (byte) i);
            store.put(args[1], content);
            if (i < 3) {
                System.out.println("wrote");
                System.out.flush();
            }
        }
    }
}
