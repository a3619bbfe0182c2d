package io.vieweratlas.s3;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The start-up check behind {@link S3ObjectStore#verifyAccess()}: each step is one S3 action, and
 * the first that fails is reported with a cause an operator can act on.
 */
final class S3AccessCheck {

    /** Where the write probe goes, under the store prefix; deleted right after. */
    static final String PROBE_DIRECTORY = "_access-check/";

    private final S3Client client;
    private final S3StoreSettings settings;

    S3AccessCheck(S3Client client, S3StoreSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    void run() {
        String bucket = settings.bucket();
        step("HeadBucket", () -> client.headBucket(b -> b.bucket(bucket)));
        step("ListObjectsV2", () -> client.listObjectsV2(b -> b.bucket(bucket).prefix(settings.prefix()).maxKeys(1)));
        String probe = settings.prefix() + PROBE_DIRECTORY + UUID.randomUUID() + ".txt";
        step("PutObject " + probe, () -> client.putObject(b -> b.bucket(bucket).key(probe),
                RequestBody.fromString("vieweratlas access check")));
        step("DeleteObject " + probe, () -> client.deleteObject(b -> b.bucket(bucket).key(probe)));
    }

    private void step(String action, Runnable call) {
        try {
            call.run();
        } catch (S3Exception e) {
            throw new S3AccessException(settings, action, explain(e), e);
        } catch (SdkClientException e) {
            throw new S3AccessException(settings, action, "S3 could not be reached or answered unreadably"
                    + " (network, endpoint or credentials lookup)", e);
        } catch (SdkException e) {
            throw new S3AccessException(settings, action, "the request failed", e);
        }
    }

    private String explain(S3Exception e) {
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? "" : e.awsErrorDetails().errorCode();
        String status = "HTTP " + e.statusCode() + (code.isEmpty() ? "" : " " + code);
        Optional<String> bucketRegion = e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null
                ? Optional.empty()
                : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region");
        return switch (e.statusCode()) {
            case 301, 307 -> "the bucket is not in region " + settings.region()
                    + bucketRegion.map(r -> " but in " + r + ": set S3_REGION=" + r).orElse(": set S3_REGION to its region")
                    + " (" + status + ")";
            case 400 -> code.toLowerCase(Locale.ROOT).contains("region")
                    ? "the bucket is not in region " + settings.region()
                            + bucketRegion.map(r -> " but in " + r).orElse("") + " (" + status + ")"
                    : "S3 rejected the request (" + status + ")";
            case 403 -> "access denied: the credentials (task role, profile or keys in the environment) may not"
                    + " perform this action on the bucket and prefix (" + status + ")";
            case 404 -> code.equals("NoSuchBucket") || code.isEmpty()
                    ? "the bucket does not exist (" + status + ")"
                    : "not found (" + status + ")";
            default -> "S3 answered " + status;
        };
    }
}
