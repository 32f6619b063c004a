package io.pgha.runtime.drill;

import java.time.Duration;

/** docker stop of the primary's container (30 s grace); started again at the heal. */
final class StopPrimaryFault implements HandoverFault {

    @Override
    public InjectedFault inject(FaultTools tools, String member) {
        String leader = tools.target().containerOf(member);
        tools.docker().stop(leader, Duration.ofSeconds(30));
        return InjectedFault.healedBy(() -> tools.docker().start(leader));
    }
}
