package io.vieweratlas.twitch.collector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelsFileTest {

    @Test
    void readsLoginsIgnoringCommentsAndBlankLines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("channels.txt");
        Files.writeString(f, "# my channels\n\nZed\n#alpha\nalpha\n@beta  # a comment\nzed\n");
        assertEquals(List.of("alpha", "beta", "zed"), ChannelsFile.read(f));
        assertEquals(List.of(), ChannelsFile.read(dir.resolve("missing.txt")));
    }

    @Test
    void namesTheFileAndLineOfABadLogin(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("channels.txt");
        Files.writeString(f, "good\nnot a login\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChannelsFile.read(f));
        assertTrue(e.getMessage().contains("channels.txt:2"), e.getMessage());
    }

    @Test
    void writesAtomicallyAndReadsBack(@TempDir Path dir) {
        Path f = dir.resolve("sub/channels.txt");
        ChannelsFile.write(f, List.of("top 2 live channels"), List.of("b", "a"));
        assertEquals(List.of("a", "b"), ChannelsFile.read(f));
    }
}
