package io.pgha.runtime.drill;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.postgres.PgConnections;

/**
 * docker kill of the first router (pg-router) while the writers hold both routers' write ports in one multi-host URL
 * (docs/decisions/0030); started again at the heal. It is lasting: the router stays dead for the fault duration, so
 * the writes that flow meanwhile went through the second router. Healed: every member streams, and each router's
 * write port reaches a server that accepts writes.
 */
final class KillRouterFault implements DrillFault {

    @Override
    public InjectedFault inject(FaultTools tools, String leader) {
        DrillTarget target = tools.target();
        if (target.writePorts().size() < 2) {
            throw PghaException.invalidInput("kill-router needs a stack with two routers (pgha up makes them, "
                    + "docs/decisions/0030); " + target.scope() + " has one");
        }
        String router = target.routerContainer();
        tools.docker().kill(router);
        return InjectedFault.healedBy(() -> tools.docker().start(router));
    }

    @Override
    public boolean lasting() {
        return true;
    }

    @Override
    public RecoveredWhen recoveredWhen() {
        return RecoveredWhen.WRITES_AFTER_FAULT;
    }

    @Override
    public boolean writesThroughEveryRouter() {
        return true;
    }

    @Override
    public boolean healed(FaultTools tools) {
        DrillTarget t = tools.target();
        return t.writePorts().stream().allMatch(port -> writable(t, port));
    }

    /** Whether the router on {@code port} sends a new connection to a server that accepts writes. */
    static boolean writable(DrillTarget t, int port) {
        return PgConnections.reachesPrimary(t.routerHost(), port, t.superuser(), t.password(), t.caFile());
    }
}
