package io.pgha.runtime.drill;

import java.time.Duration;

/** The first etcd member stopped, started at the heal: the quorum holds, writes go on. */
final class EtcdMinorityFault implements HeldFault {

    @Override
    public InjectedFault inject(FaultTools tools, String leader) {
        String member = tools.target().etcdMembers().get(0);
        tools.docker().stop(member, Duration.ofSeconds(10));
        return InjectedFault.healedBy(() -> tools.docker().start(member));
    }
}
