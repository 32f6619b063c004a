package io.pgha.console.wiring;

import io.pgha.console.service.ChaosRequest;
import io.pgha.console.service.DrillRequest;
import io.pgha.console.service.FaultDrills;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.chaos.ChaosPlan;
import io.pgha.runtime.chaos.ChaosReport;
import io.pgha.runtime.chaos.ChaosRunner;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.docker.DockerFaults;
import io.pgha.runtime.drill.DrillResult;
import io.pgha.runtime.drill.DrillRunner;
import io.pgha.runtime.drill.DrillTarget;
import io.pgha.runtime.usecase.DrillPlanning;
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
        return DrillPlanning.target(
                connection,
                request.members(),
                request.etcdContainers(),
                request.containers(),
                credentials.find(connection.name()).map(StackCredentials::superuser),
                progress);
    }
}
