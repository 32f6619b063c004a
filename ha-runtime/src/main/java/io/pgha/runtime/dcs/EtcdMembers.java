package io.pgha.runtime.dcs;

import io.pgha.runtime.model.EtcdMember;
import io.pgha.runtime.model.Health;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Joins etcd's member list with what each configured endpoint answered. The endpoints pgha uses
 * (e.g. 127.0.0.1:23791) differ from the URLs members advertise (etcd-1:2379), so an endpoint is tied
 * to a member by the member id in its answer, and that tie is remembered for when it stops answering.
 */
final class EtcdMembers {

    /** One member of etcd's member list. */
    record Listed(long id, String name, List<String> clientUrls) {}

    /**
     * What one configured endpoint answered to a status call.
     *
     * @param slow the call ran out of its deadline for the first time in a row: the member is unknown, not down (a
     *             loaded machine answers late; a member that stays silent is down the next round)
     */
    record EndpointStatus(
            String endpoint,
            OptionalLong memberId,
            long raftLeader,
            long raftTerm,
            long dbSize,
            Duration latency,
            Optional<String> error,
            boolean slow) {
        EndpointStatus(
                String endpoint,
                OptionalLong memberId,
                long raftLeader,
                long raftTerm,
                long dbSize,
                Duration latency,
                Optional<String> error) {
            this(endpoint, memberId, raftLeader, raftTerm, dbSize, latency, error, false);
        }

        boolean answered() {
            return error.isEmpty() && memberId.isPresent();
        }
    }

    private EtcdMembers() {}

    /**
     * @param learned endpoint to member id, from earlier answers; updated with this round's answers
     * @param alarms  alarm names by member id
     */
    static List<EtcdMember> resolve(
            List<Listed> listed,
            List<EndpointStatus> statuses,
            Map<String, Long> learned,
            Map<Long, List<String>> alarms) {
        for (EndpointStatus s : statuses) {
            if (s.answered()) {
                learned.put(s.endpoint(), s.memberId().getAsLong());
            }
        }
        Map<String, EndpointStatus> byEndpoint = new LinkedHashMap<>();
        statuses.forEach(s -> byEndpoint.put(s.endpoint(), s));
        long raftLeader = statuses.stream()
                .filter(EndpointStatus::answered)
                .filter(s -> s.raftLeader() != 0)
                .max((a, b) -> Long.compare(a.raftTerm(), b.raftTerm()))
                .map(EndpointStatus::raftLeader)
                .orElse(0L);

        if (listed.isEmpty()) {
            List<EtcdMember> result = new ArrayList<>();
            for (EndpointStatus s : statuses) {
                result.add(member(
                        hostPort(s.endpoint()),
                        s.endpoint(),
                        s.memberId().orElse(-1),
                        Optional.of(s),
                        raftLeader,
                        alarms));
            }
            return result;
        }

        Map<Long, String> endpointOf = new LinkedHashMap<>();
        for (EndpointStatus s : statuses) {
            Long id = learned.get(s.endpoint());
            if (id != null && (!endpointOf.containsKey(id) || s.answered())) {
                endpointOf.put(id, s.endpoint());
            }
        }
        List<String> unmatchedEndpoints = statuses.stream()
                .map(EndpointStatus::endpoint)
                .filter(e -> !learned.containsKey(e))
                .toList();
        List<Listed> unmatchedMembers =
                listed.stream().filter(m -> !endpointOf.containsKey(m.id())).toList();
        for (Listed m : unmatchedMembers) {
            unmatchedEndpoints.stream()
                    .filter(e -> sameHost(e, m))
                    .findFirst()
                    .ifPresent(e -> endpointOf.put(m.id(), e));
        }
        List<Listed> stillUnmatched =
                listed.stream().filter(m -> !endpointOf.containsKey(m.id())).toList();
        List<String> freeEndpoints = unmatchedEndpoints.stream()
                .filter(e -> !endpointOf.containsValue(e))
                .toList();
        if (!stillUnmatched.isEmpty() && stillUnmatched.size() == freeEndpoints.size()) {
            // None of these endpoints ever answered, so none can be told apart: pair them in order.
            for (int i = 0; i < stillUnmatched.size(); i++) {
                endpointOf.put(stillUnmatched.get(i).id(), freeEndpoints.get(i));
            }
        }

        List<EtcdMember> result = new ArrayList<>();
        for (Listed m : listed) {
            String endpoint = endpointOf.get(m.id());
            if (endpoint == null) {
                result.add(new EtcdMember(
                        m.name(),
                        m.clientUrls().isEmpty() ? "" : m.clientUrls().get(0),
                        Health.UNKNOWN,
                        m.id() == raftLeader,
                        OptionalLong.empty(),
                        OptionalLong.empty(),
                        alarms.getOrDefault(m.id(), List.of()),
                        Optional.of("no configured endpoint reaches this member; add it with pgha attach --etcd")));
            } else {
                result.add(member(
                        m.name(), endpoint, m.id(), Optional.ofNullable(byEndpoint.get(endpoint)), raftLeader, alarms));
            }
        }
        return result;
    }

    private static EtcdMember member(
            String name,
            String endpoint,
            long id,
            Optional<EndpointStatus> status,
            long raftLeader,
            Map<Long, List<String>> alarms) {
        List<String> memberAlarms = alarms.getOrDefault(id, List.of());
        if (status.isEmpty()) {
            return unanswered(name, endpoint, Health.UNKNOWN, memberAlarms, "not checked");
        }
        EndpointStatus s = status.get();
        if (s.slow()) {
            return unanswered(
                    name,
                    endpoint,
                    Health.UNKNOWN,
                    memberAlarms,
                    s.error().orElse("no answer in time") + "; asked again");
        }
        if (!s.answered()) {
            return unanswered(
                    name, endpoint, Health.DOWN, memberAlarms, s.error().orElse("no answer"));
        }
        boolean hasLeader = s.raftLeader() != 0;
        return new EtcdMember(
                name,
                endpoint,
                hasLeader ? Health.UP : Health.DOWN,
                hasLeader && id == raftLeader,
                OptionalLong.of(s.raftTerm()),
                OptionalLong.of(s.dbSize()),
                memberAlarms,
                hasLeader
                        ? Optional.empty()
                        : Optional.of("answers but has no raft leader: it cannot reach a quorum of members"));
    }

    private static boolean sameHost(String endpoint, Listed m) {
        String host = URI.create(endpoint.contains("://") ? endpoint : "http://" + endpoint)
                .getHost();
        String hostPort = hostPort(endpoint);
        return m.name().equals(host)
                || m.clientUrls().stream().anyMatch(u -> hostPort(u).equals(hostPort));
    }

    private static String hostPort(String endpoint) {
        URI u = URI.create(endpoint.contains("://") ? endpoint : "http://" + endpoint);
        return u.getHost() + ":" + u.getPort();
    }

    /** A member whose status is not known from an answer: no raft term or database size, only why. */
    private static EtcdMember unanswered(String name, String endpoint, Health health, List<String> alarms, String why) {
        return new EtcdMember(
                name, endpoint, health, false, OptionalLong.empty(), OptionalLong.empty(), alarms, Optional.of(why));
    }
}
