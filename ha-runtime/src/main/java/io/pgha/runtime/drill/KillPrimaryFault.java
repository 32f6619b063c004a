package io.pgha.runtime.drill;

/** docker kill of the primary's container; started again at the heal. */
final class KillPrimaryFault implements DrillFault {

    @Override
    public InjectedFault inject(FaultTools tools, String member) {
        String leader = tools.target().containerOf(member);
        tools.docker().kill(leader);
        return InjectedFault.healedBy(() -> tools.docker().start(leader));
    }

    @Override
    public boolean lasting() {
        return false;
    }

    @Override
    public RecoveredWhen recoveredWhen() {
        return RecoveredWhen.NEW_LEADER_TAKES_WRITES;
    }
}
