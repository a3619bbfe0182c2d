package io.vieweratlas.runners.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.SnapshotStore;
import io.vieweratlas.core.privacy.Pseudonymizer;
import io.vieweratlas.core.privacy.PseudonymizingSnapshotStore;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeSnapshotStore;
import io.vieweratlas.runners.ProcessEnvironment;
import io.vieweratlas.runners.UsageException;
import io.vieweratlas.runners.config.StorageConfig;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import io.vieweratlas.runners.run.RunRecorder;
import io.vieweratlas.s3.S3AccessRequirement;
import io.vieweratlas.s3.S3ObjectStore;
import io.vieweratlas.s3.S3StoreSettings;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/** Binds what every role shares: the configuration, the clock, the lake's object store and snapshot store. */
public final class BaseModule extends AbstractModule {

    private final ViewerAtlasConfig config;
    private final Map<String, String> environment;

    /** The environment variable naming the deployed role (collector, analysis, vod-collector). */
    static final String ROLE_VARIABLE = "VIEWERATLAS_ROLE";

    /** @param config the checked configuration of this run */
    public BaseModule(ViewerAtlasConfig config) {
        this(config, ProcessEnvironment.variables());
    }

    /**
     * @param config      the checked configuration of this run
     * @param environment where secrets (the pseudonym key) are read from
     */
    public BaseModule(ViewerAtlasConfig config, Map<String, String> environment) {
        this.config = Objects.requireNonNull(config, "config");
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /**
     * What the start-up S3 check probes. A deployed task names its role in {@code VIEWERATLAS_ROLE}
     * (set by its image and task definition, the same role whose IAM policy it runs under, also
     * for the analysis the collector starts in-process), and the check probes only what that
     * role's policy grants; a local run without a role probes directly under {@code _access-check/}.
     */
    private static S3AccessRequirement s3Access(Map<String, String> environment) {
        String role = environment.getOrDefault(ROLE_VARIABLE, "").trim();
        if (role.isEmpty()) {
            return S3AccessRequirement.anyRole();
        }
        try {
            return S3AccessRequirement.forRole(role);
        } catch (IllegalArgumentException e) {
            throw new UsageException(ROLE_VARIABLE + ": " + e.getMessage());
        }
    }

    @Override
    protected void configure() {
        bind(ViewerAtlasConfig.class).toInstance(config);
        bind(Clock.class).toInstance(Clock.systemUTC());
    }

    @Provides
    @Singleton
    ObjectStore objectStore() {
        StorageConfig storage = config.storage();
        return switch (storage.type()) {
            case FILE -> new FileSystemObjectStore(Path.of(storage.basePath()));
            case S3 -> s3(storage, s3Access(environment));
        };
    }

    private static ObjectStore s3(StorageConfig storage, S3AccessRequirement access) {
        S3StoreSettings settings;
        try {
            settings = S3StorageSettings.from(storage);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        S3ObjectStore store = S3ObjectStore.open(settings);
        // Fail at start, naming bucket, prefix and the failing action, rather than mid-run.
        store.verifyAccess(access);
        return store;
    }

    @Provides
    @Singleton
    SnapshotStore snapshotStore(ObjectStore store, Pseudonymizer pseudonymizer) {
        SnapshotStore lake = LakeSnapshotStore.builder(store)
                .writeCsvTwin(config.collection().writeCsvTwin()).build();
        // collection.pseudonymize: logins are replaced before anything reaches the lake
        return pseudonymizer.enabled() ? new PseudonymizingSnapshotStore(lake, pseudonymizer) : lake;
    }

    @Provides
    @Singleton
    Pseudonymizer pseudonymizer() {
        if (!config.collection().pseudonymize()) {
            return Pseudonymizer.none();
        }
        try {
            return Pseudonymizer.fromEnvironment(environment);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    @Provides
    @Singleton
    RunRecorder runRecorder(ObjectStore store, Clock clock) {
        return new RunRecorder(store, clock);
    }
}
