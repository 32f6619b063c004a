package io.pgha.console.wiring;

import io.pgha.console.service.ChaosRequest;
import io.pgha.console.service.DrillRequest;
import io.pgha.console.service.FaultDrills;
import io.pgha.console.service.RestoreDrillRequest;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.chaos.ChaosPlan;
import io.pgha.runtime.chaos.ChaosReport;
import io.pgha.runtime.chaos.ChaosRunner;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.docker.DockerFaults;
import io.pgha.runtime.drill.DrillResult;
import io.pgha.runtime.drill.DrillRunner;
import io.pgha.runtime.drill.DrillSettings;
import io.pgha.runtime.drill.DrillTarget;
import io.pgha.runtime.drill.HostDrillResult;
import io.pgha.runtime.drill.HostDrillScenario;
import io.pgha.runtime.provision.ProgressEvent;
import io.pgha.runtime.stack.StackPorts;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.usecase.DisasterDrill;
import io.pgha.runtime.usecase.DrillPlanning;
import io.pgha.runtime.usecase.HostDrill;
import io.pgha.runtime.usecase.PitrDrill;
import io.pgha.runtime.usecase.StackBackups;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The console's drills over the runtime's {@link DrillRunner} on the local Docker engine, aimed by {@link DrillPlanning} as
 * {@code pgha drill} aims them. A drill still running when the console exits is cancelled, and the exit waits for it to
 * heal the fault.
 */
final class RuntimeFaultDrills implements FaultDrills {

    /** A chaos run heals its fault and drops its tables (up to 30 s each) on the way out. */
    private static final Duration HEAL_ON_EXIT = Duration.ofSeconds(90);

    private final ClusterConnection connection;
    private final CredentialStore credentials;

    RuntimeFaultDrills(ClusterConnection connection) {
        this(connection, new CredentialStore());
    }

    RuntimeFaultDrills(ClusterConnection connection, CredentialStore credentials) {
        this.connection = connection;
        this.credentials = credentials;
    }

    @Override
    public DrillResult run(DrillRequest request, Consumer<String> progress, BooleanSupplier cancelled) {
        DrillTarget target = target(request, progress);
        return healedOnExit(cancelled, (docker, stop) -> {
            if (docker.addressOn(target.network(), target.members().getFirst()).isEmpty()) {
                throw PghaException.invalidInput(target.members().getFirst() + " is not on the Docker network "
                        + target.network() + ": drills need the stack's containers on the network named after the"
                        + " stack");
            }
            return new DrillRunner(target, request.settings(), docker, progress, stop).run(request.scenario());
        });
    }

    /** As {@code pgha chaos} runs it: the plan from the seed, checked against the target, then the runner. */
    @Override
    public ChaosReport chaos(ChaosRequest request, Consumer<String> progress, BooleanSupplier cancelled) {
        ChaosPlan plan = ChaosPlan.of(request.seed(), request.duration(), request.kinds());
        DrillTarget target = DrillPlanning.target(
                connection,
                request.members(),
                request.etcdContainers(),
                request.containers(),
                credentials.find(connection.name()).map(StackCredentials::superuser),
                progress);
        ChaosRunner.check(plan, target);
        return healedOnExit(cancelled, (docker, stop) -> new ChaosRunner(target, docker, progress, stop).run(plan));
    }

    /**
     * As {@code pgha drill pitr} runs it, into a stack with the source's spec under a name no known cluster has and on
     * ports free now (as the Backups tab's restore proposes them), removed afterwards.
     */
    @Override
    public PitrDrill.Result pitr(RestoreDrillRequest request, Consumer<String> progress, BooleanSupplier cancelled) {
        DrillTarget target = target(request, progress);
        return PitrDrill.run(
                connection, target, pitrInto(), request.writers(), false, e -> progress.accept(line(e)), cancelled);
    }

    @Override
    public DisasterDrill.Result disaster(
            RestoreDrillRequest request, Consumer<String> progress, BooleanSupplier cancelled) {
        DrillTarget target = target(request, progress);
        return DisasterDrill.run(connection, target, request.writers(), e -> progress.accept(line(e)), cancelled);
    }

    @Override
    public HostDrillResult host(
            HostDrillScenario scenario, DrillSettings settings, Consumer<String> progress, BooleanSupplier cancelled) {
        return new HostDrill()
                .run(
                        connection,
                        scenario,
                        1,
                        settings,
                        credentials.find(connection.name()).map(StackCredentials::superuser),
                        (run, step) -> progress.accept(step),
                        cancelled)
                .getFirst();
    }

    private StackSpec pitrInto() {
        StackSpec base;
        try (StackBackups backups = StackBackups.onLocalDocker(connection)) {
            base = backups.spec().orElseGet(StackSpec::defaults);
        }
        ClusterRegistry registry = new ClusterRegistry();
        StackPorts ports = FreeStackDefaults.ports(
                base, registry, port -> DockerStackProvisioning.bindable(base.bindAddress(), port));
        return base.toBuilder()
                .name(FreeStackDefaults.name(connection.name() + "-pitr", registry))
                .ports(ports)
                .build();
    }

    /** A step of a restore drill as one line of the drill's log. */
    static String line(ProgressEvent e) {
        String status = e.status().name().toLowerCase(java.util.Locale.ROOT);
        String message = e.message() == null || e.message().isBlank() ? "" : ": " + e.message();
        return e.title() + " (" + status + ")" + message;
    }

    private interface Run<T> {
        T run(DockerFaults docker, BooleanSupplier stop);
    }

    /** Runs with a shutdown hook that cancels the run when the console exits and waits for it to heal. */
    private static <T> T healedOnExit(BooleanSupplier cancelled, Run<T> run) {
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean exiting = new AtomicBoolean();
        Thread healOnExit = new Thread(
                () -> {
                    exiting.set(true);
                    try {
                        finished.await(HEAL_ON_EXIT.toSeconds(), TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "pgha-drill-heal-on-exit");
        Runtime.getRuntime().addShutdownHook(healOnExit);
        try (DockerFaults docker = DockerFaults.connect()) {
            return run.run(docker, () -> exiting.get() || cancelled.getAsBoolean());
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(healOnExit);
            } catch (IllegalStateException exitUnderway) {
                // the hook is running: it returns now that the run has finished
            }
        }
    }

    DrillTarget target(DrillRequest request, Consumer<String> progress) {
        return target(request.members(), request.etcdContainers(), request.containers(), progress);
    }

    DrillTarget target(RestoreDrillRequest request, Consumer<String> progress) {
        return target(request.members(), request.etcdContainers(), request.containers(), progress);
    }

    private DrillTarget target(
            java.util.List<String> members,
            java.util.List<String> etcdContainers,
            java.util.Map<String, String> containers,
            Consumer<String> progress) {
        return DrillPlanning.target(
                connection,
                members,
                etcdContainers,
                containers,
                credentials.find(connection.name()).map(StackCredentials::superuser),
                progress);
    }
}
