package io.vieweratlas.s3;

import io.vieweratlas.core.port.ObjectKeys;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how an {@link S3ObjectStore} keeps its objects.
 *
 * <p>Every store key {@code k} lives at S3 key {@code prefix + k} in {@code bucket}; the prefix is
 * empty or ends with {@code /}. {@code endpoint} is set only for S3-compatible services (MinIO,
 * LocalStack, S3Proxy), which usually also need {@code pathStyle}. Objects of at least
 * {@code multipartThreshold} bytes are uploaded in parts of {@code partSize} bytes.
 *
 * @param bucket             the bucket name (S3 naming rules: 3-63 of {@code a-z 0-9 . -})
 * @param prefix             key prefix inside the bucket, empty or ending with {@code /}
 * @param region             the bucket's AWS region, e.g. {@code eu-west-1}
 * @param endpoint           endpoint override for S3-compatible services, empty for AWS
 * @param pathStyle          address the bucket in the path instead of the host name
 * @param multipartThreshold objects of this size or larger go up as multipart uploads
 * @param partSize           size of each multipart part (S3 minimum 5 MiB)
 * @param maxConnections     HTTP connection pool size, which bounds parallel reads
 * @param maxAttempts        attempts per request under the SDK's adaptive retry mode
 */
public record S3StoreSettings(String bucket, String prefix, String region, Optional<URI> endpoint,
                              boolean pathStyle, long multipartThreshold, long partSize,
                              int maxConnections, int maxAttempts) {

    /** 1 MiB. */
    public static final long MIB = 1024L * 1024L;
    /** S3's smallest allowed part (except the last one). */
    public static final long MIN_PART_SIZE = 5 * MIB;
    /** Default threshold from which objects are uploaded in parts. */
    public static final long DEFAULT_MULTIPART_THRESHOLD = 16 * MIB;
    /** Default part size. */
    public static final long DEFAULT_PART_SIZE = 8 * MIB;

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+|[a-z0-9-]+");

    public S3StoreSettings {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("S3 bucket '" + bucket
                    + "' is not a valid bucket name (3-63 characters of a-z, 0-9, '.', '-', starting and ending with a letter or digit)");
        }
        if (!prefix.isEmpty()) {
            if (!prefix.endsWith("/")) {
                throw new IllegalArgumentException("S3 prefix '" + prefix + "' must be empty or end with '/'");
            }
            try {
                ObjectKeys.requireValidPrefix(prefix);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("S3 prefix '" + prefix + "' is invalid: " + e.getMessage(), e);
            }
        }
        if (region.isBlank() || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("S3 region '" + region + "' is not a region name such as 'eu-west-1'");
        }
        endpoint.ifPresent(uri -> {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("S3 endpoint '" + uri + "' must be an http:// or https:// URL with a host");
            }
        });
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("S3 multipart part size " + partSize + " is below S3's minimum of "
                    + MIN_PART_SIZE + " bytes (5 MiB)");
        }
        if (multipartThreshold < partSize) {
            throw new IllegalArgumentException("S3 multipart threshold " + multipartThreshold
                    + " must be at least the part size " + partSize);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("S3 max connections must be >= 1, was " + maxConnections);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("S3 max attempts must be >= 1, was " + maxAttempts);
        }
    }

    /** A builder for {@code bucket} in {@code region}, with defaults for everything else. */
    public static Builder builder(String bucket, String region) {
        return new Builder(bucket, region);
    }

    /** {@code s3://bucket/prefix}, for messages. */
    public String location() {
        return "s3://" + bucket + "/" + prefix;
    }

    /** A builder with these settings as its starting point. */
    public Builder toBuilder() {
        return new Builder(bucket, region).prefix(prefix).endpoint(endpoint.orElse(null)).pathStyle(pathStyle)
                .multipartThreshold(multipartThreshold).partSize(partSize)
                .maxConnections(maxConnections).maxAttempts(maxAttempts);
    }

    /** Builds {@link S3StoreSettings}; validation happens in {@link #build()}. */
    public static final class Builder {
        private String bucket;
        private String region;
        private String prefix = "";
        private URI endpoint;
        private boolean pathStyle;
        private long multipartThreshold = DEFAULT_MULTIPART_THRESHOLD;
        private long partSize = DEFAULT_PART_SIZE;
        private int maxConnections = 64;
        private int maxAttempts = 5;

        private Builder(String bucket, String region) {
            this.bucket = bucket;
            this.region = region;
        }

        /** The bucket. */
        public Builder bucket(String value) {
            this.bucket = value;
            return this;
        }

        /** The region. */
        public Builder region(String value) {
            this.region = value;
            return this;
        }

        /**
         * The key prefix; a missing trailing {@code /} is added and a leading one removed, so
         * {@code "vieweratlas"} and {@code "/vieweratlas/"} both mean {@code "vieweratlas/"}.
         */
        public Builder prefix(String value) {
            Objects.requireNonNull(value, "prefix");
            String p = value.startsWith("/") ? value.substring(1) : value;
            this.prefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
            return this;
        }

        /** Endpoint override (MinIO, LocalStack, S3Proxy); {@code null} for AWS. */
        public Builder endpoint(URI value) {
            this.endpoint = value;
            return this;
        }

        /** Path-style addressing ({@code http://host/bucket/key}). */
        public Builder pathStyle(boolean value) {
            this.pathStyle = value;
            return this;
        }

        /** Size from which uploads are multipart. */
        public Builder multipartThreshold(long bytes) {
            this.multipartThreshold = bytes;
            return this;
        }

        /** Multipart part size. */
        public Builder partSize(long bytes) {
            this.partSize = bytes;
            return this;
        }

        /** HTTP connection pool size. */
        public Builder maxConnections(int value) {
            this.maxConnections = value;
            return this;
        }

        /** Attempts per request (adaptive retry mode). */
        public Builder maxAttempts(int value) {
            this.maxAttempts = value;
            return this;
        }

        /** The settings, validated. */
        public S3StoreSettings build() {
            return new S3StoreSettings(bucket, prefix, region, Optional.ofNullable(endpoint), pathStyle,
                    multipartThreshold, partSize, maxConnections, maxAttempts);
        }
    }
}
