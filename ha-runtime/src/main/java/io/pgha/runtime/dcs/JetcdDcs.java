package io.pgha.runtime.dcs;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.cluster.Member;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.maintenance.AlarmMember;
import io.etcd.jetcd.options.GetOption;
import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import io.pgha.runtime.model.EtcdMember;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@link Dcs} over jetcd: one client over all endpoints for the scope's keys, the watch and the member list,
 * whose calls wait for a connection (within the caller's deadline) so the first one does not fail while the
 * channel is still connecting. Each endpoint's status comes from etcd's HTTP gateway on a kept-alive connection
 * ({@link EtcdGatewayStatus}); where there is none, from a second client whose status calls each run over a channel
 * of their own that does not wait: on a dead endpoint the call fails at once and its channel is shut down, never left
 * open.
 */
final class JetcdDcs implements Dcs {

    private final List<String> endpoints;
    private final Optional<EtcdAuth> auth;
    private final Client client;
    private final Client statusClient;
    /** Endpoints whose last status call ran out of its deadline (status calls come from one monitor thread at a time). */
    private final java.util.Set<String> timedOut = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** etcd's HTTP gateway for the status calls, unless the endpoints want a client certificate. */
    private final Optional<EtcdGatewayStatus> gateway;
    /** Endpoints whose gateway did not answer the status call as etcd's does: they get the gRPC call. */
    private final java.util.Set<String> withoutGateway = ConcurrentHashMap.newKeySet();

    private final Map<String, Long> learnedMemberIds = new ConcurrentHashMap<>();
    private volatile List<EtcdMembers.Listed> lastMemberList = List.of();

    JetcdDcs(List<String> endpoints, Optional<EtcdAuth> auth) {
        // with the scheme TLS implies, so that each status call's channel names the endpoint it checks
        this.endpoints =
                EtcdClients.uris(endpoints, auth).stream().map(URI::toString).toList();
        this.auth = auth;
        this.client = EtcdClients.create(endpoints, auth, Duration.ofSeconds(1), true);
        this.statusClient = EtcdClients.create(endpoints, auth, Duration.ofSeconds(1), false);
        this.gateway = EtcdGatewayStatus.of(auth);
    }

    static String prefix(String scope) {
        return "/service/" + scope + "/";
    }

    @Override
    public DcsView read(String scope, Duration deadline) {
        try {
            return readKeys(client, scope, deadline);
        } catch (io.pgha.runtime.PghaException e) {
            throw EtcdTlsCheck.explain(e, "reading " + prefix(scope) + " from etcd", endpoints, auth, deadline);
        }
    }

    @Override
    public List<String> scopes(Duration deadline) {
        try {
            GetResponse r = client.getKVClient()
                    .get(
                            bytes("/service/"),
                            GetOption.builder()
                                    .isPrefix(true)
                                    .withKeysOnly(true)
                                    .build())
                    .get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return r.getKvs().stream()
                    .map(kv -> kv.getKey().toString(StandardCharsets.UTF_8).substring("/service/".length()))
                    .map(k -> k.contains("/") ? k.substring(0, k.indexOf('/')) : k)
                    .filter(k -> !k.isEmpty())
                    .distinct()
                    .sorted()
                    .toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EtcdErrors.translate("listing the scopes in etcd", e);
        } catch (Exception e) {
            throw EtcdErrors.translate("listing the scopes in etcd", e);
        }
    }

    static DcsView readKeys(Client client, String scope, Duration deadline) {
        String prefix = prefix(scope);
        ByteSequence key = bytes(prefix);
        try {
            GetResponse r = client.getKVClient()
                    .get(key, GetOption.builder().isPrefix(true).build())
                    .get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, String> keys = new LinkedHashMap<>();
            for (KeyValue kv : r.getKvs()) {
                keys.put(
                        kv.getKey().toString(StandardCharsets.UTF_8).substring(prefix.length()),
                        kv.getValue().toString(StandardCharsets.UTF_8));
            }
            return DcsView.parse(scope, r.getHeader().getRevision(), keys);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EtcdErrors.translate("reading " + prefix + " from etcd", e);
        } catch (Exception e) {
            throw EtcdErrors.translate("reading " + prefix + " from etcd", e);
        }
    }

    @Override
    public long removeScope(String scope, Duration deadline) {
        String prefix = prefix(scope);
        try {
            return client.getKVClient()
                    .delete(
                            bytes(prefix),
                            io.etcd.jetcd.options.DeleteOption.builder()
                                    .isPrefix(true)
                                    .build())
                    .get(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .getDeleted();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EtcdErrors.translate("removing " + prefix + " from etcd", e);
        } catch (Exception e) {
            throw EtcdErrors.translate("removing " + prefix + " from etcd", e);
        }
    }

    @Override
    public Subscription watch(String scope, Listener listener) {
        ScopeWatch w = new ScopeWatch(client, scope, listener);
        w.start();
        return w::close;
    }

    @Override
    public EtcdClusterStatus status(Duration deadline) {
        long until = System.nanoTime() + deadline.toNanos();
        Map<String, Long> started = new HashMap<>();
        Map<String, CompletableFuture<EtcdGatewayStatus.Answer>> calls = new LinkedHashMap<>();
        for (String e : endpoints) {
            started.put(e, System.nanoTime());
            calls.put(e, statusCall(e, deadline));
        }
        CompletableFuture<List<Member>> list =
                client.getClusterClient().listMember().thenApply(r -> r.getMembers());
        CompletableFuture<List<AlarmMember>> alarmCall =
                client.getMaintenanceClient().listAlarms().thenApply(r -> r.getAlarms());

        List<EtcdMembers.EndpointStatus> statuses = new ArrayList<>();
        for (Map.Entry<String, CompletableFuture<EtcdGatewayStatus.Answer>> c : calls.entrySet()) {
            String endpoint = c.getKey();
            try {
                EtcdGatewayStatus.Answer s = awaitStatus(c.getValue(), remaining(until));
                Duration latency = Duration.ofNanos(System.nanoTime() - started.get(endpoint));
                statuses.add(new EtcdMembers.EndpointStatus(
                        endpoint,
                        OptionalLong.of(s.memberId()),
                        s.leader(),
                        s.raftTerm(),
                        s.dbSize(),
                        latency,
                        Optional.empty()));
                timedOut.remove(endpoint);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                statuses.add(failed(endpoint, e, false));
            } catch (java.util.concurrent.TimeoutException e) {
                statuses.add(failed(endpoint, e, timedOut.add(endpoint)));
            } catch (Exception e) {
                timedOut.remove(endpoint);
                statuses.add(failed(endpoint, e, false));
            }
        }
        Optional<String> listError = Optional.empty();
        try {
            List<EtcdMembers.Listed> listed = new ArrayList<>();
            for (Member m : list.get(remaining(until), TimeUnit.NANOSECONDS)) {
                listed.add(new EtcdMembers.Listed(
                        m.getId(),
                        m.getName(),
                        m.getClientURIs().stream().map(URI::toString).toList()));
            }
            lastMemberList = List.copyOf(listed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listError = Optional.of(
                    EtcdErrors.translate("listing the etcd members", e).getMessage());
        } catch (Exception e) {
            list.cancel(true);
            listError = Optional.of(
                    EtcdErrors.translate("listing the etcd members", e).getMessage());
        }
        Map<Long, List<String>> alarms = new HashMap<>();
        try {
            // Alarms are read through raft: without quorum this fails, and no alarms are reported.
            for (AlarmMember a : alarmCall.get(Math.max(remaining(until), 1), TimeUnit.NANOSECONDS)) {
                alarms.computeIfAbsent(a.getMemberId(), k -> new ArrayList<>())
                        .add(a.getAlarmType().name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            alarmCall.cancel(true);
        }
        List<EtcdMember> members = EtcdMembers.resolve(lastMemberList, statuses, learnedMemberIds, alarms);
        Map<String, Duration> latencies = new HashMap<>();
        for (EtcdMember m : members) {
            statuses.stream()
                    .filter(s -> s.endpoint().equals(m.endpoint()) && s.answered())
                    .findFirst()
                    .ifPresent(s -> latencies.put(m.name(), s.latency()));
        }
        return new EtcdClusterStatus(members, latencies, Instant.now(), listError);
    }

    /**
     * One member's status: through etcd's HTTP gateway on a kept-alive connection where it answers, else with jetcd's
     * gRPC call (a channel of its own per call). The HTTP request may outlive the round's deadline by a second, so
     * that a slow member shows as a missed deadline (unknown this round), as with the gRPC call, not as a failure.
     */
    private CompletableFuture<EtcdGatewayStatus.Answer> statusCall(String endpoint, Duration deadline) {
        if (gateway.isEmpty() || withoutGateway.contains(endpoint)) {
            return grpcStatus(endpoint);
        }
        return gateway.get().status(endpoint, deadline.plusSeconds(1)).exceptionallyCompose(t -> {
            if (t instanceof EtcdGatewayStatus.NoGateway || t.getCause() instanceof EtcdGatewayStatus.NoGateway) {
                withoutGateway.add(endpoint);
                return grpcStatus(endpoint);
            }
            return CompletableFuture.failedFuture(t);
        });
    }

    private CompletableFuture<EtcdGatewayStatus.Answer> grpcStatus(String endpoint) {
        return statusClient
                .getMaintenanceClient()
                .statusMember(target(endpoint))
                .thenApply(s -> new EtcdGatewayStatus.Answer(
                        s.getHeader().getMemberId(), s.getLeader(), s.getRaftTerm(), s.getDbSize()));
    }

    /**
     * Waits for a member's status call without cancelling it when the deadline passes. jetcd makes a channel for
     * each such call and shuts it down in a {@code whenComplete} of the future it returns; cancelling that future
     * completes it at once, so the shutdown never ran, and gRPC later reported the channel "garbage collected
     * without being shut down". Left alone, the call ends by itself (connect timeout, keepalive) and closes it.
     */
    static <T> T awaitStatus(CompletableFuture<T> call, long nanos) throws Exception {
        return call.get(nanos, TimeUnit.NANOSECONDS);
    }

    /** @param slow the first deadline in a row this endpoint missed: unknown this round, not down */
    private static EtcdMembers.EndpointStatus failed(String endpoint, Exception e, boolean slow) {
        return new EtcdMembers.EndpointStatus(
                endpoint,
                OptionalLong.empty(),
                0,
                0,
                0,
                Duration.ZERO,
                Optional.of(EtcdErrors.translate("etcd at " + endpoint, e).getMessage()),
                slow);
    }

    private static long remaining(long until) {
        return Math.max(0, until - System.nanoTime());
    }

    /** statusMember wants host:port or a URL; give it the URL as configured. */
    private static String target(String endpoint) {
        return endpoint.contains("://") ? endpoint : "http://" + endpoint;
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        statusClient.close();
        client.close();
    }
}
