/**
 * {@link io.vieweratlas.core.port.ObjectStore} on Amazon S3 and S3-compatible services (MinIO,
 * LocalStack) through the AWS SDK v2: {@link io.vieweratlas.s3.S3ObjectStore} with its
 * {@link io.vieweratlas.s3.S3StoreSettings}, the client factory {@link io.vieweratlas.s3.S3Clients}
 * and the start-up access check ({@link io.vieweratlas.s3.S3AccessRequirement}) that fails with
 * {@link io.vieweratlas.s3.S3AccessException}.
 *
 * <p>Wiring: {@code S3ObjectStore.open(settings)}, then
 * {@code verifyAccess(S3AccessRequirement.forRole(role))} before the first read or write.
 *
 * @apiNote API: every public type here.
 */
package io.vieweratlas.s3;
