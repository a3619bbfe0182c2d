package io.vieweratlas.s3;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Builds the {@link S3Client} an {@link S3ObjectStore} talks through: Apache HTTP client with a
 * pool of {@link S3StoreSettings#maxConnections()}, the SDK's adaptive retry strategy (backs off
 * and rate-limits itself when S3 throttles), region, endpoint override and path-style addressing
 * from the settings.
 */
public final class S3Clients {

    private S3Clients() {
    }

    /**
     * A client using the default credentials chain (environment, profile, web identity, the ECS
     * task role, EC2 instance profile). This is what production uses; keys never live in config.
     */
    public static S3Client create(S3StoreSettings settings) {
        return create(settings, DefaultCredentialsProvider.builder().build());
    }

    /** A client with explicit credentials (tests against S3Proxy or LocalStack). */
    public static S3Client create(S3StoreSettings settings, AwsCredentialsProvider credentials) {
        return create(settings, credentials, builder -> { });
    }

    /**
     * A client with explicit credentials and a last say on the builder (metrics publishers,
     * execution interceptors); the customizer runs after the settings are applied.
     */
    public static S3Client create(S3StoreSettings settings, AwsCredentialsProvider credentials,
                                  Consumer<S3ClientBuilder> customizer) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(customizer, "customizer");
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(settings.maxConnections())
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.adaptiveRetryStrategy()
                        .toBuilder()
                        .maxAttempts(settings.maxAttempts())
                        .build()));
        settings.endpoint().ifPresent(builder::endpointOverride);
        customizer.accept(builder);
        return builder.build();
    }
}
