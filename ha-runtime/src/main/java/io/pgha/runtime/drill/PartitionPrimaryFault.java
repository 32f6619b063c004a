package io.pgha.runtime.drill;

import java.time.Duration;

/**
 * The primary cut off the stack network, reconnected at the heal. While it is cut off the watcher cannot reach it, so
 * it is asked over its local socket instead: whether it still accepts writes is what a split brain would be.
 */
final class PartitionPrimaryFault implements DrillFault {

    private static final long SAMPLING_MILLIS = 200;

    @Override
    public InjectedFault inject(FaultTools tools, String leader) {
        String network = tools.target().network();
        String container = tools.target().containerOf(leader);
        tools.docker().disconnect(network, container);
        return InjectedFault.healedBy(() -> {
                    if (!tools.docker().isConnected(network, container)) {
                        tools.docker().connect(network, container);
                    }
                })
                .watchedBy(probeFromInside(tools, leader));
    }

    static Thread probeFromInside(FaultTools tools, String node) {
        Thread t = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        String out = tools.docker()
                                .exec(
                                        tools.target().containerOf(node),
                                        Duration.ofSeconds(3),
                                        "psql",
                                        "-U",
                                        tools.target().superuser(),
                                        "-h",
                                        "/var/run/postgresql",
                                        "-XAtc",
                                        "SELECT NOT pg_is_in_recovery() AND current_setting('default_transaction_read_only') = 'off'")
                                .strip();
                        tools.samples().add(new RoleSamples.Sample(System.currentTimeMillis(), node, state(out)));
                        try {
                            Thread.sleep(SAMPLING_MILLIS); // sampling period
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "pgha-drill-isolated-probe");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static RoleSamples.State state(String psqlAnswer) {
        return psqlAnswer.equals("t")
                ? RoleSamples.State.WRITABLE
                : psqlAnswer.equals("f") ? RoleSamples.State.READ_ONLY : RoleSamples.State.UNREACHABLE;
    }

    @Override
    public boolean lasting() {
        return true;
    }

    @Override
    public RecoveredWhen recoveredWhen() {
        return RecoveredWhen.NEW_LEADER_TAKES_WRITES;
    }
}
