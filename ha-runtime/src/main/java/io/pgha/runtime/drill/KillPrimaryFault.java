package io.pgha.runtime.drill;

/** docker kill of the primary's container; started again at the heal. */
final class KillPrimaryFault implements HandoverFault {

    @Override
    public InjectedFault inject(FaultTools tools, String member) {
        String leader = tools.target().containerOf(member);
        tools.docker().kill(leader);
        return InjectedFault.healedBy(() -> tools.docker().start(leader));
    }
}
