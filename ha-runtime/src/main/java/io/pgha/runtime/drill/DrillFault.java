package io.pgha.runtime.drill;

/**
 * One scenario's fault: how it is injected and healed, whether it is held for the drill's fault duration, and when
 * the cluster counts as recovered from it. {@link DrillFaults#of} picks the one of a scenario; {@link DrillRunner}
 * runs them all the same way.
 */
interface DrillFault {

    /** Injects the fault on {@code leader}, the primary when the drill starts. */
    InjectedFault inject(FaultTools tools, String leader);

    /** Whether the fault lasts until healed (partition, freeze, etcd stops) and is held for the fault duration. */
    boolean lasting();

    RecoveredWhen recoveredWhen();

    /** Whether the writers connect with every router's write port in one multi-host URL (targetServerType=primary). */
    default boolean writesThroughEveryRouter() {
        return false;
    }

    /** What "healed" means beyond every member streaming again (kill-router: both routers route to the primary). */
    default boolean healed(FaultTools tools) {
        return true;
    }
}
