package io.pgha.console.testing;

import io.pgha.console.service.DrillRequest;
import io.pgha.console.service.FaultDrills;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.drill.DrillResult;
import java.util.List;
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
}
