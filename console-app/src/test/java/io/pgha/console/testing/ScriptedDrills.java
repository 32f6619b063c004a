package io.pgha.console.testing;

import io.pgha.console.service.ChaosRequest;
import io.pgha.console.service.DrillRequest;
import io.pgha.console.service.FaultDrills;
import io.pgha.console.service.RestoreDrillRequest;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.chaos.ChaosPlan;
import io.pgha.runtime.chaos.ChaosReport;
import io.pgha.runtime.drill.DrillResult;
import io.pgha.runtime.drill.DrillSettings;
import io.pgha.runtime.drill.HostDrillResult;
import io.pgha.runtime.drill.HostDrillScenario;
import io.pgha.runtime.usecase.DisasterDrill;
import io.pgha.runtime.usecase.PitrDrill;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Drills for UI tests: each run reports progress like the runtime's and answers a {@link SampleDrills} result, at once
 * or, after {@link #holdRuns()}, when the test releases it; a held run notices cancel the way the runtime's waits do.
 */
public final class ScriptedDrills implements FaultDrills {

    private final List<DrillRequest> requests = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private final List<ChaosRequest> chaosRequests = new CopyOnWriteArrayList<>();
    private final List<String> otherDrills = new CopyOnWriteArrayList<>();
    private volatile long lost;

    /** The following runs wait (for {@link #release()} or cancel) after injecting their fault. */
    public void holdRuns() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        hold.countDown();
    }

    public List<DrillRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public DrillResult run(DrillRequest request, Consumer<String> progress, BooleanSupplier cancelled) {
        requests.add(request);
        progress.accept("waiting for a healthy cluster");
        progress.accept("injecting " + request.scenario().cliName() + " on pg-0");
        CountDownLatch latch = hold;
        try {
            while (!latch.await(20, TimeUnit.MILLISECONDS)) { // the runtime's waits ask for cancel as often
                if (cancelled.getAsBoolean()) {
                    progress.accept("healing the fault");
                    throw PghaException.refused("the drill was cancelled");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PghaException.unavailable("interrupted");
        }
        progress.accept("healing the fault");
        return SampleDrills.result(request.scenario(), 1_800 + 200L * requests.size());
    }

    /**
     * A chaos run over the plan its seed gives: a line per step, held (see {@link #holdRuns()}) after the first, then
     * the runtime's own report of acknowledgements every 100 ms with no gap, {@link #loseWrites} lost.
     */
    @Override
    public ChaosReport chaos(ChaosRequest request, Consumer<String> progress, BooleanSupplier cancelled) {
        chaosRequests.add(request);
        ChaosPlan plan = ChaosPlan.of(request.seed(), request.duration(), request.kinds());
        progress.accept("waiting for a healthy cluster");
        List<ChaosReport.FaultRun> runs = new java.util.ArrayList<>();
        for (ChaosPlan.Step step : plan.steps()) {
            long at = step.injectAt().toMillis();
            progress.accept(step.number() + "/" + plan.steps().size() + " injected "
                    + step.fault().cliName());
            if (step.number() == 1) {
                await(cancelled);
            }
            runs.add(new ChaosReport.FaultRun(
                    step.fault(), "pg-0", at, at + step.hold().toMillis(), Optional.of(at + 4_000)));
        }
        long elapsed = plan.duration().toMillis();
        long[] acks = java.util.stream.LongStream.range(0, elapsed / 100)
                .map(i -> i * 100)
                .toArray();
        return ChaosReport.of(
                plan,
                elapsed,
                acks,
                runs,
                new ChaosReport.Counters(acks.length, lost, 0, 500, 900, 3, 0, 0),
                Optional.of(2_000L),
                List.of());
    }

    private void await(BooleanSupplier cancelled) {
        CountDownLatch latch = hold;
        try {
            while (!latch.await(20, TimeUnit.MILLISECONDS)) {
                if (cancelled.getAsBoolean()) {
                    throw PghaException.refused("the chaos run was cancelled");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PghaException.unavailable("interrupted");
        }
    }

    /** The following chaos runs report this many acknowledged writes lost. */
    public void loseWrites(long n) {
        lost = n;
    }

    public List<ChaosRequest> chaosRequests() {
        return List.copyOf(chaosRequests);
    }

    /** A pitr drill that restores in 95 s and misses nothing. */
    @Override
    public PitrDrill.Result pitr(RestoreDrillRequest request, Consumer<String> progress, BooleanSupplier cancelled) {
        otherDrills.add("pitr");
        progress.accept("Restore into demo-pitr (started)");
        return SampleDrills.pitr(0);
    }

    /** A disaster drill that loses the newest 14 rows, in order. */
    @Override
    public DisasterDrill.Result disaster(
            RestoreDrillRequest request, Consumer<String> progress, BooleanSupplier cancelled) {
        otherDrills.add("disaster");
        progress.accept("Every node and its data removed (started)");
        return SampleDrills.disaster(0);
    }

    @Override
    public HostDrillResult host(
            HostDrillScenario scenario, DrillSettings settings, Consumer<String> progress, BooleanSupplier cancelled) {
        otherDrills.add(scenario.cliName());
        progress.accept("stopping host th-1");
        return SampleDrills.host(scenario, 20_000);
    }

    /** The pitr, disaster and host drills run, by name, in order. */
    public List<String> otherDrills() {
        return List.copyOf(otherDrills);
    }
}
