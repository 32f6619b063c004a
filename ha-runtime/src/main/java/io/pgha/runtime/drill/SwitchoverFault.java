package io.pgha.runtime.drill;

import io.pgha.runtime.PghaException;
import java.util.Map;

/** A planned switchover through Patroni's REST API to the first streaming replica by name; over when Patroni answers. */
final class SwitchoverFault implements DrillFault {

    @Override
    public InjectedFault inject(FaultTools tools, String leader) {
        tools.patroni().switchover(leader, candidate(tools.patroni().cluster()));
        return InjectedFault.healsItself();
    }

    static String candidate(Map<String, DrillPatroni.MemberView> members) {
        return members.values().stream().filter(DrillPatroni.MemberView::streamingReplica)
                .map(DrillPatroni.MemberView::name).sorted().findFirst()
                .orElseThrow(() -> PghaException.unavailable("no streaming replica to switch over to"));
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
