package io.pgha.console.service;

import io.pgha.runtime.chaos.ChaosReport;
import io.pgha.runtime.drill.DrillResult;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Fault drills against one cluster on the local Docker engine (ha-runtime's {@code DrillRunner}, as {@code pgha drill}
 * runs them): each run kills, stops, pauses or cuts off a node of the cluster while writers go through its router, heals
 * the fault and measures what the clients saw.
 */
public interface FaultDrills {

    /**
     * Runs one drill and returns what it measured. Blocks for the drill's whole length (a minute or more), so it is
     * called off the FX thread; progress lines arrive on the calling thread. The fault is healed before it returns or
     * throws, also when the console exits meanwhile.
     *
     * @param cancelled asked at every wait of the drill; once it says true the drill heals the fault and throws
     * @throws io.pgha.runtime.PghaException REFUSED when cancelled, TIMEOUT when the cluster was not healthy to begin with
     *                                       or did not recover in time, UNAVAILABLE when Docker or the cluster cannot be
     *                                       reached, INVALID_INPUT when the request does not fit the cluster
     */
    DrillResult run(DrillRequest request, Consumer<String> progress, BooleanSupplier cancelled);

    /**
     * Runs a seeded chaos run ({@code pgha chaos}: ha-runtime's {@code ChaosRunner}) and returns its report. Blocks for
     * its duration and the healing after it, so it is called off the FX thread; progress lines arrive on the calling
     * thread. Every way out heals the fault, stops the workloads and drops their tables.
     *
     * @param cancelled asked at every wait; once it says true the run heals, cleans up and throws REFUSED
     */
    ChaosReport chaos(ChaosRequest request, Consumer<String> progress, BooleanSupplier cancelled);
}
