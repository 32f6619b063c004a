package io.pgha.runtime.drill;

import java.time.Duration;
import java.util.List;

/** A majority of the etcd members stopped, started at the heal: Patroni demotes the primary, writes stop until then. */
final class EtcdQuorumLossFault implements HeldFault {

    @Override
    public InjectedFault inject(FaultTools tools, String leader) {
        List<String> members = majority(tools.target().etcdMembers());
        members.forEach(m -> tools.docker().stop(m, Duration.ofSeconds(10)));
        return InjectedFault.healedBy(() -> members.forEach(tools.docker()::start));
    }

    /** The first members that make a majority: 2 of 3, 3 of 5. */
    static List<String> majority(List<String> etcdMembers) {
        return etcdMembers.subList(0, etcdMembers.size() / 2 + 1);
    }
}
