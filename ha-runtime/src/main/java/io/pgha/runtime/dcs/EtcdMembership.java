package io.pgha.runtime.dcs;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.cluster.MemberAddResponse;
import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * etcd's member API (docs/decisions/0057-etcd-members-through-the-member-api): the member list, a member added by its peer URL and one
 * removed by its name or peer URL, and a member's raft index (how far it has applied the log). Membership calls need etcd's root
 * user once authentication is on. Each call opens its own client on the endpoints given, so that a caller can leave out
 * the member it is about to remove or has not started yet: a client never waits on an endpoint that cannot answer.
 */
public final class EtcdMembership {

    /**
     * One member of etcd's list.
     *
     * @param name     its name (etcd-2); empty for a member added but not started yet
     * @param peerUrls where its peers reach it (https://etcd-2:2380)
     */
    public record Member(long id, String name, List<String> peerUrls) {
        public Member {
            peerUrls = List.copyOf(peerUrls);
        }

        /** Whether the member has started and joined (an added member has no name until then). */
        public boolean started() {
            return !name.isEmpty();
        }

        /** Its id as etcdctl prints it. */
        public String hexId() {
            return Long.toHexString(id);
        }
    }

    private final Optional<EtcdAuth> auth;
    private final Duration deadline;

    /**
     * @param auth the CA file to trust and, on an etcd with authentication, root's login
     */
    public EtcdMembership(Optional<EtcdAuth> auth, Duration deadline) {
        this.auth = auth;
        this.deadline = deadline;
    }

    /** As root with {@code rootPassword} (when etcd has users), trusting {@code caFile} (when it speaks TLS). */
    public static EtcdMembership asRoot(Optional<String> caFile, Optional<String> rootPassword, Duration deadline) {
        if (caFile.isEmpty() && rootPassword.isEmpty()) {
            return new EtcdMembership(Optional.empty(), deadline);
        }
        return new EtcdMembership(
                Optional.of(new EtcdAuth(
                        rootPassword.map(p -> EtcdAccessPolicy.ROOT),
                        rootPassword,
                        caFile,
                        Optional.empty(),
                        Optional.empty())),
                deadline);
    }

    public List<Member> list(List<String> endpoints) {
        return call(
                endpoints,
                "listing etcd's members",
                c -> c.getClusterClient()
                        .listMember()
                        .thenApply(r -> r.getMembers().stream()
                                .map(EtcdMembership::member)
                                .toList()));
    }

    /**
     * Removes the member named {@code name}, or the one that peers reach at {@code peerUrl} (a member added but never
     * started has no name yet); returns its id, or empty when etcd lists no such member (an earlier run removed it).
     */
    public OptionalLong remove(List<String> endpoints, String name, String peerUrl) {
        Optional<Member> m = find(list(endpoints), name, peerUrl);
        if (m.isEmpty()) {
            return OptionalLong.empty();
        }
        call(
                endpoints,
                "removing " + name + " from etcd's members",
                c -> c.getClusterClient().removeMember(m.get().id()));
        return OptionalLong.of(m.get().id());
    }

    /** The member of {@code listed} named {@code name}, else the one whose peer URLs include {@code peerUrl}. */
    static Optional<Member> find(List<Member> listed, String name, String peerUrl) {
        String peer = peerUrl.replaceAll("/$", "");
        return listed.stream()
                .filter(x -> x.name().equals(name))
                .findFirst()
                .or(() ->
                        listed.stream().filter(x -> x.peerUrls().contains(peer)).findFirst());
    }

    /** Adds a member that peers reach at {@code peerUrl}; returns it and the list it is now part of. */
    public Added add(List<String> endpoints, String peerUrl) {
        MemberAddResponse r = call(
                endpoints,
                "adding " + peerUrl + " to etcd's members",
                c -> c.getClusterClient().addMember(List.of(URI.create(peerUrl))));
        return new Added(
                member(r.getMember()),
                r.getMembers().stream().map(EtcdMembership::member).toList());
    }

    /** A member just added, and every member of the cluster then (itself included). */
    public record Added(Member member, List<Member> members) {
        public Added {
            members = List.copyOf(members);
        }
    }

    /** The id of the raft leader as the member at {@code endpoint} knows it (0: none). */
    public long leader(String endpoint) {
        return call(
                        List.of(endpoint),
                        "asking " + endpoint + " for etcd's leader",
                        c -> c.getMaintenanceClient().statusMember(endpoint))
                .getLeader();
    }

    /**
     * Hands the leadership from the member at {@code leaderEndpoint} (the leader: etcd takes the request there only) to
     * member {@code to}, so that removing the old leader does not wait for an election.
     */
    public void moveLeader(String leaderEndpoint, long to) {
        call(
                List.of(leaderEndpoint),
                "moving etcd's leadership to " + Long.toHexString(to),
                c -> c.getMaintenanceClient().moveLeader(to));
    }

    /** The raft index the member at {@code endpoint} has reached. */
    public long raftIndex(String endpoint) {
        return call(
                        List.of(endpoint),
                        "asking " + endpoint + " for its status",
                        c -> c.getMaintenanceClient().statusMember(endpoint))
                .getRaftIndex();
    }

    /**
     * etcd's {@code --initial-cluster} for a member that joins a running cluster: every member of {@code members} by
     * name and first peer URL, the one not started yet ({@code joining}'s id) by {@code name}.
     */
    public static String initialCluster(List<Member> members, long joining, String name) {
        return String.join(
                ",",
                members.stream()
                        .map(m -> (m.id() == joining ? name : m.name()) + "="
                                + m.peerUrls().getFirst())
                        .toList());
    }

    private static Member member(io.etcd.jetcd.cluster.Member m) {
        return new Member(
                m.getId(),
                m.getName(),
                m.getPeerURIs().stream()
                        .map(u -> u.toString().replaceAll("/$", ""))
                        .toList());
    }

    private <T> T call(List<String> endpoints, String what, Function<Client, CompletableFuture<T>> request) {
        try (Client client = EtcdClients.create(endpoints, auth, deadline, true)) {
            return EtcdErrors.await(request.apply(client), deadline, what);
        }
    }
}
