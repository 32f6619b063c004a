package io.pgha.runtime.drill;

/** docker pause of the primary's container, unpaused at the heal: Patroni's TTL decides, nothing to wait for. */
final class FreezePrimaryFault implements HeldFault {

    @Override
    public InjectedFault inject(FaultTools tools, String member) {
        String leader = tools.target().containerOf(member);
        tools.docker().pause(leader);
        return InjectedFault.healedBy(() -> {
            if ("paused".equals(tools.docker().state(leader))) {
                tools.docker().unpause(leader);
            }
        });
    }
}
