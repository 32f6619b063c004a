package io.pgha.console.wiring;

import io.pgha.console.service.BackupsState;
import io.pgha.console.service.ClusterBackups;
import io.pgha.console.service.NewClusterRequest;
import io.pgha.console.service.RestoreInto;
import io.pgha.console.service.SpecProblem;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.backup.BackupRecord;
import io.pgha.runtime.backup.BackupType;
import io.pgha.runtime.backup.RestoreTarget;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.provision.ProgressEvent;
import io.pgha.runtime.stack.BackupSchedule;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackPorts;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.usecase.StackBackups;
import io.pgha.runtime.usecase.StackRestore;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Backups tab's service over the runtime's {@link StackBackups} on the local Docker engine, as {@code pgha backup}
 * and {@code pgha status} use it: a Docker client per call (every 30 s at most, and only while the tab is shown), let go
 * afterwards.
 */
final class RuntimeClusterBackups implements ClusterBackups {

    private final ClusterConnection connection;
    private final ClusterRegistry registry = new ClusterRegistry();
    private volatile Optional<StackSpec> sourceSpec = Optional.empty();

    private RuntimeClusterBackups(ClusterConnection connection) {
        this.connection = connection;
    }

    /** The cluster's backups; {@link ClusterBackups#ATTACHED} for a cluster pgha did not make. */
    static ClusterBackups of(ClusterConnection connection) {
        return connection.dockerStack().isPresent() ? new RuntimeClusterBackups(connection) : ClusterBackups.ATTACHED;
    }

    @Override
    public BackupsState read() {
        try (StackBackups backups = StackBackups.onLocalDocker(connection)) {
            Optional<StackSpec> spec = backups.spec();
            Optional<BackupsState.Why> off = spec.flatMap(RuntimeClusterBackups::off);
            if (off.isPresent()) {
                return new BackupsState.Off(off.get());
            }
            BackupSchedule schedule = spec.map(s -> s.backups().schedule()).orElse(BackupSchedule.DEFAULTS);
            return new BackupsState.On(backups.summary(), backups.list().backups(), schedule);
        }
    }

    /**
     * Why a stack made with this spec takes no backups, or empty when it takes them ({@code StackLayout.archives()}), or
     * may (a spec that says "auto" images: then pgBackRest's own answer tells).
     */
    static Optional<BackupsState.Why> off(StackSpec spec) {
        if (!spec.backups().enabled()) {
            return Optional.of(BackupsState.Why.DISABLED);
        }
        return spec.images() == ImageProfile.OFFICIAL ? Optional.of(BackupsState.Why.NO_BACKUP_TOOL) : Optional.empty();
    }

    @Override
    public BackupRecord now(BackupType type) {
        try (StackBackups backups = StackBackups.onLocalDocker(connection)) {
            return backups.now(type);
        }
    }

    /**
     * The new stack takes the source's spec (nodes, images, timing), under a name no known cluster has and on ports free
     * now that belong to no known cluster, as the new-cluster form proposes them.
     */
    @Override
    public RestoreInto restoreDefaults() {
        StackSpec base = base();
        StackPorts p = FreeStackDefaults.ports(
                base, registry, port -> DockerStackProvisioning.bindable(base.bindAddress(), port));
        return new RestoreInto(
                FreeStackDefaults.name(connection.name() + "-restored", registry),
                new NewClusterRequest.Ports(
                        p.write(), p.read(), p.stats(), p.patroni(), p.etcd(), p.exporter(), p.prometheus()));
    }

    @Override
    public List<SpecProblem> check(RestoreInto into) {
        StackSpec spec;
        try {
            spec = spec(into);
        } catch (PghaException e) {
            return List.of(new SpecProblem(SpecProblem.GENERAL, e.getMessage()));
        }
        return NewStackProblems.of(
                registry,
                spec,
                DockerStackProvisioning::bindable,
                "exists already: a restore makes a new one, so choose another name",
                "choose another port");
    }

    @Override
    public List<String> inPlaceEffects() {
        return StackRestore.inPlaceEffects(connection);
    }

    @Override
    public StackRestore.Restored restore(
            RestoreTarget target, Optional<RestoreInto> into, Consumer<ProgressEvent> progress) {
        return into.isPresent()
                ? StackRestore.into(connection, spec(into.get()), target, progress::accept)
                : StackRestore.inPlace(connection, target, progress::accept);
    }

    private StackSpec spec(RestoreInto into) {
        NewClusterRequest.Ports p = into.ports();
        return base().toBuilder()
                .name(into.name())
                .ports(new StackPorts(
                        p.write(),
                        p.read(),
                        p.stats(),
                        p.patroniBase(),
                        p.etcdBase(),
                        p.exporterBase(),
                        p.prometheus()))
                .build();
    }

    /** The source stack's spec, read once from its leader's labels; the default spec for a stack without one. */
    private StackSpec base() {
        Optional<StackSpec> known = sourceSpec;
        if (known.isEmpty()) {
            try (StackBackups backups = StackBackups.onLocalDocker(connection)) {
                known = Optional.of(backups.spec().orElseGet(StackSpec::defaults));
            }
            sourceSpec = known;
        }
        return known.get();
    }
}
