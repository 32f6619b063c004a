package io.pgha.runtime.apply;

import io.pgha.runtime.stack.StackSpec;
import java.util.List;
import java.util.Optional;

/**
 * What the planner knows of a running stack: the spec its containers were made from, its Patroni members as they are
 * now, and how many etcd members answer.
 *
 * @param spec        the spec the stack runs (its containers' labels)
 * @param members     the PostgreSQL members Patroni lists
 * @param etcdHealthy how many of the spec's etcd members are healthy
 */
public record RunningStack(StackSpec spec, List<Member> members, int etcdHealthy) {

    public RunningStack {
        members = List.copyOf(members);
    }

    /**
     * One Patroni member.
     *
     * @param name        pg-0 …
     * @param leader      whether it holds the leader key
     * @param streaming   whether it streams from the leader
     * @param synchronous whether it is a synchronous (or quorum) standby now
     */
    public record Member(String name, boolean leader, boolean streaming, boolean synchronous) {}

    public Optional<Member> leader() {
        return members.stream().filter(Member::leader).findFirst();
    }

    public Optional<Member> member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** A healthy stack as the spec describes it: pg-0 leads, every other member streams, every etcd member healthy. */
    public static RunningStack healthy(StackSpec spec) {
        List<Member> members = java.util.stream.IntStream.range(0, spec.nodes())
                .mapToObj(i -> new Member(
                        "pg-" + i, i == 0, i != 0, i != 0 && i <= spec.patroni().synchronousNodeCount()))
                .toList();
        return new RunningStack(spec, members, spec.etcdMembers());
    }
}
