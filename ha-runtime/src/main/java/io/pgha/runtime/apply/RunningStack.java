package io.pgha.runtime.apply;

import io.pgha.runtime.stack.StackSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the planner knows of a running stack: the spec its containers were made from, its Patroni members as they are
 * now, and how many etcd members answer.
 *
 * @param spec              the spec the stack runs (its containers' labels)
 * @param members           the PostgreSQL members Patroni lists
 * @param etcdHealthy       how many of the spec's etcd members are healthy
 * @param dcsParameters     PostgreSQL parameters in Patroni's dynamic configuration as the DCS has them now (what an
 *                          earlier apply set there, beyond the labels); empty when unknown
 * @param parameterContexts pg_settings' context of every parameter the server knows (postmaster: a restart applies
 *                          it; internal: it cannot be set), as the leader answers; empty when it did not answer
 * @param images            the image each PostgreSQL member's container runs (pg-1 → pgha/spilo-17:local); empty when
 *                          unknown
 * @param unrouted          members whose containers exist but which the router does not route: an add that was
 *                          interrupted before its last step (or a remove after its first); empty when unknown
 * @param etcdContainers    how many etcd members (etcd-1 …) have a container: the spec's count, or an even count when
 *                          an etcd change was interrupted half-way (a spec has 1, 3 or 5)
 * @param etcdHealth        every etcd member that has a container (etcd-1 …), by name, and whether it is healthy: which
 *                          members an interrupted change left, and which one is down; empty when unknown (then
 *                          etcd-1 … etcd-{@code etcdContainers}, and only the count {@code etcdHealthy})
 * @param unfinished        members a {@code pgha replace} was interrupted on (killed, or failed while it copied the old
 *                          data aside), by name: what it left; empty when none (or unknown)
 */
public record RunningStack(
        StackSpec spec,
        List<Member> members,
        int etcdHealthy,
        Map<String, String> dcsParameters,
        Map<String, String> parameterContexts,
        Map<String, String> images,
        Set<String> unrouted,
        int etcdContainers,
        Map<String, Boolean> etcdHealth,
        Map<String, Unfinished> unfinished) {

    public RunningStack {
        unfinished = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(unfinished));
        etcdHealth = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(etcdHealth));
        members = List.copyOf(members);
        dcsParameters = Map.copyOf(dcsParameters);
        parameterContexts = Map.copyOf(parameterContexts);
        images = Map.copyOf(images);
        unrouted = Set.copyOf(unrouted);
    }

    public RunningStack(
            StackSpec spec,
            List<Member> members,
            int etcdHealthy,
            Map<String, String> dcsParameters,
            Map<String, String> parameterContexts) {
        this(
                spec,
                members,
                etcdHealthy,
                dcsParameters,
                parameterContexts,
                Map.of(),
                Set.of(),
                spec.etcdMembers(),
                Map.of(),
                Map.of());
    }

    /** A stack whose DCS parameters and server settings are not known. */
    public RunningStack(StackSpec spec, List<Member> members, int etcdHealthy) {
        this(spec, members, etcdHealthy, Map.of(), Map.of());
    }

    /** The same stack, with what the DCS and the server say of its parameters. */
    public RunningStack withParameters(Map<String, String> dcs, Map<String, String> contexts) {
        return new RunningStack(
                spec, members, etcdHealthy, dcs, contexts, images, unrouted, etcdContainers, etcdHealth, unfinished);
    }

    /** The same stack, with the image each PostgreSQL member's container runs. */
    public RunningStack withImages(Map<String, String> memberImages) {
        return new RunningStack(
                spec,
                members,
                etcdHealthy,
                dcsParameters,
                parameterContexts,
                memberImages,
                unrouted,
                etcdContainers,
                etcdHealth,
                unfinished);
    }

    /** The same stack, knowing which members' containers exist but are not routed. */
    public RunningStack withUnrouted(Set<String> notRouted) {
        return new RunningStack(
                spec,
                members,
                etcdHealthy,
                dcsParameters,
                parameterContexts,
                images,
                notRouted,
                etcdContainers,
                etcdHealth,
                unfinished);
    }

    /**
     * The same stack, with {@code count} etcd members' containers (an etcd change interrupted half-way), etcd-1 … by
     * name; which is healthy not known.
     */
    public RunningStack withEtcdContainers(int count) {
        return new RunningStack(
                spec,
                members,
                etcdHealthy,
                dcsParameters,
                parameterContexts,
                images,
                unrouted,
                count,
                Map.of(),
                unfinished);
    }

    /** The same stack, knowing each etcd member's container (by name) and whether it is healthy. */
    public RunningStack withEtcdHealth(Map<String, Boolean> health) {
        return new RunningStack(
                spec,
                members,
                etcdHealthy,
                dcsParameters,
                parameterContexts,
                images,
                unrouted,
                health.size(),
                health,
                unfinished);
    }

    /** The same stack, knowing the members an interrupted {@code pgha replace} left unfinished. */
    public RunningStack withUnfinished(Map<String, Unfinished> left) {
        return new RunningStack(
                spec,
                members,
                etcdHealthy,
                dcsParameters,
                parameterContexts,
                images,
                unrouted,
                etcdContainers,
                etcdHealth,
                left);
    }

    /** The etcd members that have a container, by name: etcd-1 … etcd-{@code etcdContainers} when not known. */
    public List<String> etcdNames() {
        if (!etcdHealth.isEmpty()) {
            return List.copyOf(etcdHealth.keySet());
        }
        return java.util.stream.IntStream.rangeClosed(1, etcdContainers)
                .mapToObj(i -> "etcd-" + i)
                .toList();
    }

    /**
     * The image a member added now runs: the one most PostgreSQL containers run, the leader's on a tie (after {@code
     * pgha upgrade --image REF} that is REF, while the labels still name the profile); empty when unknown (the
     * profile's image then).
     */
    public Optional<String> postgresImage() {
        Map<String, Long> counts = images.values().stream()
                .collect(java.util.stream.Collectors.groupingBy(i -> i, java.util.stream.Collectors.counting()));
        String leaders = leader().map(l -> images.get(l.name())).orElse(null);
        return counts.entrySet().stream()
                .max(java.util.Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                        .thenComparing(e -> e.getKey().equals(leaders))
                        .thenComparing(Map.Entry::getKey, java.util.Comparator.reverseOrder()))
                .map(Map.Entry::getKey);
    }

    /**
     * The parameters the stack runs with, for a spec that wants {@code wanted}: the labels' parameters, each as the DCS
     * has it now (gone when an earlier apply removed it), and those of {@code wanted} the DCS already has.
     */
    public Map<String, String> parametersNow(Set<String> wanted) {
        Map<String, String> now = new LinkedHashMap<>(spec.postgresParameters());
        if (dcsParameters.isEmpty()) {
            return now;
        }
        now.keySet().retainAll(dcsParameters.keySet());
        now.replaceAll((k, v) -> dcsParameters.get(k));
        wanted.stream().filter(dcsParameters::containsKey).forEach(k -> now.put(k, dcsParameters.get(k)));
        return now;
    }

    /**
     * One Patroni member.
     *
     * @param name        pg-0 …
     * @param leader      whether it holds the leader key
     * @param streaming   whether it streams from the leader
     * @param synchronous whether it is a synchronous (or quorum) standby now
     * @param pendingRestart whether Patroni flags a restart pending (a parameter changed that a restart applies)
     */
    public record Member(String name, boolean leader, boolean streaming, boolean synchronous, boolean pendingRestart) {
        public Member(String name, boolean leader, boolean streaming, boolean synchronous) {
            this(name, leader, streaming, synchronous, false);
        }
    }

    /**
     * What a {@code pgha replace} interrupted while it copied a member's old data aside left (docs/decisions/0069): the
     * member's container, stopped or still running, its data volume whole, and the partial copies it was writing.
     *
     * @param member        pg-N
     * @param running       whether the member's container runs (the run was killed before it stopped it)
     * @param partialCopies the volumes the interrupted copies were written into, none of them whole
     * @param keepVolume    whether that replace was asked to keep the old data (--keep-volume)
     */
    public record Unfinished(String member, boolean running, List<String> partialCopies, boolean keepVolume) {
        public Unfinished {
            partialCopies = List.copyOf(partialCopies);
        }
    }

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
