package io.vieweratlas.runners.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code --data DIR} option of every command that reads or writes a lake. */
public final class LakeOptions {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Lake directory on local disk (default: storage.base_path from the config, or S3 when storage.type is s3).")
    Path data;

    /** Config overrides for these options: {@code --data} selects file storage at DIR. */
    public Map<String, Object> flags() {
        Map<String, Object> flags = new LinkedHashMap<>();
        if (data != null) {
            flags.put("storage.type", "file");
            flags.put("storage.base_path", data.toString());
        }
        return flags;
    }
}
