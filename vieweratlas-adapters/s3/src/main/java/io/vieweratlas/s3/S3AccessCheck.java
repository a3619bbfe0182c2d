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
 * The start-up check behind {@link S3ObjectStore#verifyAccess(S3AccessRequirement)}: each step is
 * one S3 call, and the first that fails is reported with a cause an operator can act on, naming the
 * IAM permission the call needs.
 */
final class S3AccessCheck {

    private final S3Client client;
    private final S3StoreSettings settings;
    private final S3AccessRequirement requirement;

    S3AccessCheck(S3Client client, S3StoreSettings settings, S3AccessRequirement requirement) {
        this.client = client;
        this.settings = settings;
        this.requirement = requirement;
    }

    void run() {
        String bucket = settings.bucket();
        String bucketArn = "arn:aws:s3:::" + bucket;
        step("ListObjectsV2", "s3:ListBucket on " + bucketArn + " with s3:prefix '" + settings.prefix() + "'",
                () -> client.listObjectsV2(b -> b.bucket(bucket).prefix(settings.prefix()).maxKeys(1)));
        requirement.writeProbeDirectory().ifPresent(directory -> {
            String probe = settings.prefix() + directory + UUID.randomUUID() + ".txt";
            // Conditional, as every state write of the lake is: a bucket or service without
            // conditional writes fails here rather than at the first compare-and-set.
            step("PutObject " + probe, "s3:PutObject on " + bucketArn + "/" + probe,
                    () -> client.putObject(b -> b.bucket(bucket).key(probe).ifNoneMatch("*"),
                            RequestBody.fromString("vieweratlas access check")));
            step("DeleteObject " + probe, "s3:DeleteObject on " + bucketArn + "/" + probe,
                    () -> client.deleteObject(b -> b.bucket(bucket).key(probe)));
        });
    }

    private void step(String action, String permission, Runnable call) {
        try {
            call.run();
        } catch (S3Exception e) {
            throw new S3AccessException(settings, action, explain(e, permission), e);
        } catch (SdkClientException e) {
            throw new S3AccessException(settings, action, "S3 could not be reached or answered unreadably"
                    + " (network, endpoint or credentials lookup)", e);
        } catch (SdkException e) {
            throw new S3AccessException(settings, action, "the request failed", e);
        }
    }

    private String explain(S3Exception e, String permission) {
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
            case 403 -> "access denied: the credentials (task role, profile or keys in the environment) need "
                    + permission + " (" + status + ")";
            case 404 -> code.equals("NoSuchBucket") || code.isEmpty()
                    ? "the bucket does not exist (" + status + ")"
                    : "not found (" + status + ")";
            default -> "S3 answered " + status;
        };
    }
}
