package io.vieweratlas.runners.infrastructure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request as IAM authorises it: the action, the resource ARN and the request's condition keys.
 *
 * <p>{@link #of(S3RequestLog.Request)} maps an S3 API call to what IAM checks, following
 * "Required permissions for Amazon S3 API operations"
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/using-with-s3-policy-actions.html) and the S3
 * condition keys (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html):
 * <ul>
 *   <li>HeadBucket is authorised as {@code s3:ListBucket} on the bucket and carries no {@code s3:prefix};
 *       ListObjects(V2) is {@code s3:ListBucket} with {@code s3:prefix} set to the prefix sent;</li>
 *   <li>GetObject and HeadObject are {@code s3:GetObject} on the object;</li>
 *   <li>PutObject, CreateMultipartUpload, UploadPart and CompleteMultipartUpload are
 *       {@code s3:PutObject}; PutObject and CompleteMultipartUpload carry {@code s3:if-none-match} /
 *       {@code s3:if-match} when those headers are sent (CreateMultipartUpload and UploadPart accept no
 *       conditional headers: https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes-enforce.html);</li>
 *   <li>AbortMultipartUpload is {@code s3:AbortMultipartUpload}; DeleteObject is {@code s3:DeleteObject};
 *       ListMultipartUploads is {@code s3:ListBucketMultipartUploads}; ListParts is
 *       {@code s3:ListMultipartUploadParts}.</li>
 * </ul>
 * An operation without a mapping fails the test, so a new kind of call cannot slip past the policies.
 *
 * @param action   the IAM action, e.g. {@code s3:PutObject}
 * @param resource the resource ARN
 * @param context  condition keys and their values
 * @param origin   what was sent, for messages
 */
record IamRequest(String action, String resource, Map<String, String> context, String origin) {

    IamRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        context = Map.copyOf(context);
    }

    static IamRequest of(S3RequestLog.Request r) {
        String bucketArn = "arn:aws:s3:::" + r.bucket();
        Map<String, String> context = new LinkedHashMap<>();
        String origin = r.toString();
        return switch (r.operation()) {
            case "HeadBucket" -> new IamRequest("s3:ListBucket", bucketArn, context, origin);
            case "ListObjectsV2", "ListObjects" -> {
                r.prefix().ifPresent(p -> context.put("s3:prefix", p));
                yield new IamRequest("s3:ListBucket", bucketArn, context, origin);
            }
            case "ListMultipartUploads" -> {
                r.prefix().ifPresent(p -> context.put("s3:prefix", p));
                yield new IamRequest("s3:ListBucketMultipartUploads", bucketArn, context, origin);
            }
            case "GetObject", "HeadObject" -> new IamRequest("s3:GetObject", objectArn(r), context, origin);
            case "PutObject", "CompleteMultipartUpload" -> {
                r.ifMatch().ifPresent(v -> context.put("s3:if-match", v));
                r.ifNoneMatch().ifPresent(v -> context.put("s3:if-none-match", v));
                yield new IamRequest("s3:PutObject", objectArn(r), context, origin);
            }
            case "CreateMultipartUpload", "UploadPart" -> new IamRequest("s3:PutObject", objectArn(r), context, origin);
            case "AbortMultipartUpload" -> new IamRequest("s3:AbortMultipartUpload", objectArn(r), context, origin);
            case "ListParts" -> new IamRequest("s3:ListMultipartUploadParts", objectArn(r), context, origin);
            case "DeleteObject" -> new IamRequest("s3:DeleteObject", objectArn(r), context, origin);
            default -> throw new AssertionError("no IAM mapping for S3 operation " + r.operation() + " (" + origin
                    + "): add it to IamRequest.of from the S3 documentation before the roles may call it");
        };
    }

    /** A request built by hand (the forbidden list). */
    static IamRequest of(String action, String resource, Map<String, String> context) {
        return new IamRequest(action, resource, context, action + " " + resource + (context.isEmpty() ? "" : " " + context));
    }

    private static String objectArn(S3RequestLog.Request r) {
        Optional<String> key = r.key();
        return "arn:aws:s3:::" + r.bucket() + "/" + key.orElseThrow(
                () -> new AssertionError(r.operation() + " without a key: " + r));
    }

    @Override
    public String toString() {
        return action + " on " + resource + (context.isEmpty() ? "" : " " + context) + " (sent: " + origin + ")";
    }
}
