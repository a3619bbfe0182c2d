package io.vieweratlas.runners.wiring;

import io.vieweratlas.runners.config.StorageConfig;
import io.vieweratlas.runners.config.StorageType;
import io.vieweratlas.s3.S3StoreSettings;

import java.net.URI;
import java.util.Objects;

/** The S3 store's settings from the configuration's {@code storage} section (a deployment concern). */
public final class S3StorageSettings {

    private S3StorageSettings() {
    }

    /**
     * Settings from the {@code storage} section of the configuration ({@code STORAGE_TYPE=s3},
     * {@code S3_BUCKET}, {@code S3_PREFIX}, {@code S3_REGION}, {@code S3_ENDPOINT},
     * {@code S3_PATH_STYLE}); an empty endpoint means AWS itself. Upload and pool settings keep
     * their defaults.
     *
     * @throws IllegalArgumentException when the storage type is not {@code s3} or a value is invalid,
     *                                  naming the setting and the value
     */
    public static S3StoreSettings from(StorageConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.type() != StorageType.S3) {
            throw new IllegalArgumentException("storage.type is '" + config.type().wireName() + "', not 's3'");
        }
        if (config.s3Bucket() == null || config.s3Bucket().isBlank()) {
            throw new IllegalArgumentException("storage.s3_bucket (S3_BUCKET) must be set when storage.type is s3");
        }
        if (config.s3Region() == null || config.s3Region().isBlank()) {
            throw new IllegalArgumentException("storage.s3_region (S3_REGION) must be set when storage.type is s3");
        }
        S3StoreSettings.Builder builder = S3StoreSettings.builder(config.s3Bucket().trim(), config.s3Region().trim())
                .prefix(config.s3Prefix() == null ? "" : config.s3Prefix().trim())
                .pathStyle(config.s3PathStyle());
        String endpoint = config.s3Endpoint() == null ? "" : config.s3Endpoint().trim();
        if (!endpoint.isEmpty()) {
            try {
                builder.endpoint(URI.create(endpoint));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("storage.s3_endpoint (S3_ENDPOINT) '" + endpoint + "' is not a URL", e);
            }
        }
        return builder.build();
    }
}
