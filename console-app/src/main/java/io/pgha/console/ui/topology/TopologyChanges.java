package io.pgha.console.ui.topology;

import io.pgha.console.ui.topology.Topology.EtcdNode;
import io.pgha.console.ui.topology.Topology.PostgresNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Which nodes changed in a way worth drawing the eye to: a new leader, a role, a health or a lag alarm. */
public final class TopologyChanges {

    private TopologyChanges() {}

    public static Set<String> between(Topology before, Topology after) {
        if (before == Topology.EMPTY) {
            return Set.of();
        }
        Set<String> changed = new HashSet<>();
        Map<String, PostgresNode> oldPostgres =
                before.postgres().stream().collect(Collectors.toMap(PostgresNode::name, Function.identity()));
        for (PostgresNode now : after.postgres()) {
            PostgresNode then = oldPostgres.get(now.name());
            if (then == null
                    || then.role() != now.role()
                    || then.tone() != now.tone()
                    || then.lagAlarm() != now.lagAlarm()) {
                changed.add(now.id());
            }
        }
        Map<String, EtcdNode> oldEtcd =
                before.etcd().stream().collect(Collectors.toMap(EtcdNode::name, Function.identity()));
        for (EtcdNode now : after.etcd()) {
            EtcdNode then = oldEtcd.get(now.name());
            if (then == null || then.leader() != now.leader() || then.tone() != now.tone()) {
                changed.add(now.id());
            }
        }
        if (before.router().tone() != after.router().tone()) {
            changed.add(NodeId.ROUTER);
        }
        if (before.supervisor().tone() != after.supervisor().tone()
                || before.supervisor().restarts() != after.supervisor().restarts()) {
            changed.add(NodeId.SUPERVISOR);
        }
        return Set.copyOf(changed);
    }
}
