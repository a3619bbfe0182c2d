package io.vieweratlas.s3;

import io.vieweratlas.core.port.ObjectKeys;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the start-up access check ({@link S3ObjectStore#verifyAccess(S3AccessRequirement)}) proves
 * before a role touches the lake, so that it asks for no more than the role's IAM policy grants.
 *
 * <p>Every check lists the store prefix ({@code ListObjectsV2} with the prefix, one key: IAM
 * {@code s3:ListBucket} with {@code s3:prefix} equal to the prefix), which also tells a missing
 * bucket and a bucket in another region apart from denied access. A role that writes adds a write
 * probe: a conditional {@code PutObject} ({@code If-None-Match: *}) of a fresh object under
 * {@code writeProbeDirectory} (relative to the store prefix) and its {@code DeleteObject} — the one
 * place such a role may delete. HeadBucket is not used: IAM authorises it as {@code s3:ListBucket}
 * on the whole bucket without {@code s3:prefix}, which a prefix-scoped policy rightly refuses.
 *
 * @param writeProbeDirectory where the write probe goes, under the store prefix, ending in {@code /};
 *                            empty for a check that only lists
 */
public record S3AccessRequirement(Optional<String> writeProbeDirectory) {

    /** The directory, under the store prefix, that holds every role's write probe directory. */
    public static final String PROBE_ROOT = "_access-check/";

    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    public S3AccessRequirement {
        Objects.requireNonNull(writeProbeDirectory, "writeProbeDirectory");
        writeProbeDirectory.ifPresent(d -> {
            if (d.isEmpty() || !d.endsWith("/")) {
                throw new IllegalArgumentException("write probe directory '" + d + "' must be a key prefix ending in '/'");
            }
            ObjectKeys.requireValidPrefix(d);
        });
    }

    /** A check that only lists the store prefix (a role that never writes). */
    public static S3AccessRequirement listOnly() {
        return new S3AccessRequirement(Optional.empty());
    }

    /** A check that lists the prefix and writes and deletes a probe under {@code directory}. */
    public static S3AccessRequirement writeProbeUnder(String directory) {
        return new S3AccessRequirement(Optional.of(Objects.requireNonNull(directory, "directory")));
    }

    /**
     * The check of a deployed role that writes: list the prefix, probe under
     * {@code _access-check/<role>/}, the one directory its IAM policy lets it write and delete in
     * (infrastructure/aws/iam/task-role-&lt;role&gt;.json).
     *
     * @param role the role name, lower case letters, digits and '-', e.g. {@code collector}
     */
    public static S3AccessRequirement forRole(String role) {
        Objects.requireNonNull(role, "role");
        if (!ROLE.matcher(role).matches()) {
            throw new IllegalArgumentException("role '" + role + "' is not a role name (lower case letters, digits, '-')");
        }
        return writeProbeUnder(PROBE_ROOT + role + "/");
    }

    /** The check of a process with no deployed role (a local run): probes directly under {@link #PROBE_ROOT}. */
    public static S3AccessRequirement anyRole() {
        return writeProbeUnder(PROBE_ROOT);
    }
}
