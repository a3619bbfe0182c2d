package io.vieweratlas.runners.config;

import java.util.Locale;

/** Where the lake lives ({@code storage.type}). */
public enum StorageType {
    /** A directory on local disk ({@code storage.base_path}). */
    FILE,
    /** An S3 bucket and prefix ({@code storage.s3_*}). */
    S3;

    /** The name in configuration files: {@code file} or {@code s3}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
