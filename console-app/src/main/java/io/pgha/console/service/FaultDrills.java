package io.pgha.console.service;

import io.pgha.runtime.chaos.ChaosReport;
import io.pgha.runtime.drill.DrillResult;
import io.pgha.runtime.drill.DrillSettings;
import io.pgha.runtime.drill.HostDrillResult;
import io.pgha.runtime.drill.HostDrillScenario;
import io.pgha.runtime.usecase.DisasterDrill;
import io.pgha.runtime.usecase.PitrDrill;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Fault drills against one cluster on the local Docker engine (ha-runtime's {@code DrillRunner}, as {@code pgha drill}
 * runs them): each run kills, stops, pauses or cuts off a node of the cluster while writers go through its router, heals
 * the fault and measures what the clients saw. Also the drills of the backups ({@code pgha drill pitr | disaster}) and of
 * whole hosts for a cluster placed on a Swarm ({@code pgha drill host-down | host-partition}).
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

    /**
     * {@code pgha drill pitr} (ha-runtime's {@code PitrDrill}): writers, a moment T, the table dropped, the repository
     * restored to T into a new stack under a free name and free ports, compared, and that stack removed. Blocks for
     * minutes; progress lines arrive on the calling thread.
     *
     * @param cancelled asked at the drill's waits before the restore; once it says true the drill throws REFUSED
     * @throws io.pgha.runtime.PghaException INVALID_INPUT when the cluster has no backups to restore from, UNAVAILABLE or
     *                                       TIMEOUT when a step fails
     */
    PitrDrill.Result pitr(RestoreDrillRequest request, Consumer<String> progress, BooleanSupplier cancelled);

    /**
     * {@code pgha drill disaster} (ha-runtime's {@code DisasterDrill}): every PostgreSQL node of the cluster removed
     * with its data volume while writers write, the cluster restored in place to the end of its archive. Deletes the
     * cluster's data: called only after the typed confirmation. Blocks for minutes.
     */
    DisasterDrill.Result disaster(RestoreDrillRequest request, Consumer<String> progress, BooleanSupplier cancelled);

    /**
     * One run of {@code pgha drill host-down | host-partition} (ha-runtime's {@code HostDrill}) on a cluster placed on a
     * Swarm: the primary's host stopped or cut off, then back. Blocks for minutes.
     *
     * @throws io.pgha.runtime.PghaException INVALID_INPUT when the cluster is not on a Swarm, its hosts cannot be
     *                                       stopped from here or it has no stored superuser, before anything happens
     */
    HostDrillResult host(
            HostDrillScenario scenario, DrillSettings settings, Consumer<String> progress, BooleanSupplier cancelled);
}
