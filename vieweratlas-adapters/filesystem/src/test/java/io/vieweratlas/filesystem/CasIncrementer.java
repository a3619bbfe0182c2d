package io.vieweratlas.filesystem;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child process of the cross-process race test: opens the store at {@code args[0]}, prints
 * {@code ready}, waits for a line on stdin (so all children start together), then increments
 * counter {@code args[1]} {@code args[2]} times by compare-and-set and prints {@code done <retries>}.
 */
public final class CasIncrementer {

    private CasIncrementer() {
    }

    public static void main(String[] args) throws Exception {
        FileSystemObjectStore store = new FileSystemObjectStore(Path.of(args[0]));
        int times = Integer.parseInt(args[2]);
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        long retries = 0;
        for (int i = 0; i < times; i++) {
            retries += Counter.increment(store, args[1]) - 1;
        }
        System.out.println("done " + retries);
        System.out.flush();
    }
}
