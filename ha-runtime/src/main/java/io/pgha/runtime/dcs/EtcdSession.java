package io.pgha.runtime.dcs;

import io.etcd.jetcd.Client;
import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One connection to an etcd cluster, and the keys pgha reads and writes through it. */
public final class EtcdSession implements AutoCloseable {

    private final Client client;

    private EtcdSession(Client client) {
        this.client = client;
    }

    public static EtcdSession open(List<String> endpoints, Duration connectTimeout) {
        return open(endpoints, Optional.empty(), connectTimeout);
    }

    /** A session over TLS and as a user when {@code auth} says so (see {@link EtcdClients}). */
    public static EtcdSession open(List<String> endpoints, Optional<EtcdAuth> auth, Duration connectTimeout) {
        return new EtcdSession(EtcdClients.createDefault(endpoints, auth, connectTimeout));
    }

    public LeaderKey leaderKey(String namespace, String scope, Duration timeout) {
        return new LeaderKey(client, namespace, scope, timeout);
    }

    public StateKey stateKey(String key, Duration ttl, Duration timeout) {
        return new StateKey(client, key, ttl, timeout);
    }

    /** The supervisors' leadership key (docs/decisions/0035), bound to a lease of {@code ttl}. */
    public SupervisorLease supervisorLease(String key, Duration ttl, Duration timeout) {
        return new SupervisorLease(client, key, ttl, timeout);
    }

    @Override
    public void close() {
        client.close();
    }
}
