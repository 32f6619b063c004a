package io.pgha.console.ui.changes;

import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.model.Member;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The members a day-two change names, from the latest snapshot: pgha's members are pg-0 … pg-(N-1), so the stack has N
 * nodes, a replica added is pg-N and the member removed is pg-(N-1) (the engine removes from the highest number down).
 */
record ChangeTargets(List<String> members, String leader, String images) {

    static ChangeTargets of(ClusterSnapshot snapshot) {
        TreeSet<String> names =
                new TreeSet<>(Comparator.comparingInt(ChangeTargets::number).thenComparing(Comparator.naturalOrder()));
        snapshot.members().stream().map(Member::name).forEach(names::add);
        String images = String.join(
                ", ",
                new TreeSet<>(snapshot.members().stream()
                        .map(m -> snapshot.container(m.name())
                                .map(ContainerInfo::image)
                                .orElse(null))
                        .filter(Objects::nonNull)
                        .filter(i -> !i.isBlank())
                        .toList()));
        return new ChangeTargets(List.copyOf(names), snapshot.leader().orElse(""), images);
    }

    /** pg-7 → 7; a name without a number sorts last. */
    static int number(String member) {
        int dash = member.lastIndexOf('-');
        try {
            return Integer.parseInt(member.substring(dash + 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** How many PostgreSQL nodes the stack has: its highest member's number + 1. */
    int nodes() {
        return members.isEmpty() ? 0 : number(members.get(members.size() - 1)) + 1;
    }

    /** The member a replica added gets. */
    String next() {
        return "pg-" + nodes();
    }

    /** The member Remove node takes away. */
    String highest() {
        return members.isEmpty() ? "" : members.get(members.size() - 1);
    }

    /** The member Replace node proposes: the highest-numbered replica, the leader only when there is no replica. */
    String defaultReplaced() {
        return members.stream()
                .filter(m -> !m.equals(leader))
                .reduce((a, b) -> b)
                .orElse(members.isEmpty() ? null : members.get(0));
    }
}
