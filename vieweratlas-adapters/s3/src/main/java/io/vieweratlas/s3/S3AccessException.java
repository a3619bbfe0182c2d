package io.vieweratlas.s3;

import io.vieweratlas.core.port.StoreException;

/**
 * The start-up access check ({@link S3ObjectStore#verifyAccess()}) failed: the bucket is missing,
 * in another region, unreachable, or this process may not list or write under the prefix. The
 * message names the bucket, the prefix, the region, the S3 action that failed and the likely cause.
 */
public final class S3AccessException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final String detail;

    S3AccessException(S3StoreSettings settings, String action, String explanation, Throwable cause) {
        super(settings.location(), action, settings.prefix(), cause);
        this.detail = "S3 access check failed: " + action + " on bucket '" + settings.bucket() + "' (prefix '"
                + settings.prefix() + "', region " + settings.region()
                + settings.endpoint().map(e -> ", endpoint " + e).orElse("") + "): " + explanation
                + (cause == null || cause.getMessage() == null ? "" : " [" + cause.getMessage() + "]");
    }

    @Override
    public String getMessage() {
        return detail;
    }
}
