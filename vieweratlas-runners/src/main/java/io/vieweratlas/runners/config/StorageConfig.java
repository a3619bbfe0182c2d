package io.vieweratlas.runners.config;

/**
 * Where the lake lives (section {@code storage}).
 *
 * @param type        file or s3
 * @param basePath    lake directory for file storage
 * @param s3Bucket    bucket for s3 storage
 * @param s3Prefix    key prefix inside the bucket
 * @param s3Region    bucket region
 * @param s3Endpoint  custom endpoint, empty for AWS
 * @param s3PathStyle path-style addressing
 */
public record StorageConfig(StorageType type, String basePath, String s3Bucket, String s3Prefix, String s3Region,
                            String s3Endpoint, boolean s3PathStyle) {
    public StorageConfig {
        java.util.Objects.requireNonNull(type, "type");
    }
}
