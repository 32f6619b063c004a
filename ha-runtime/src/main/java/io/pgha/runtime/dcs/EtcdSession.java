package io.pgha.runtime.dcs;

import io.etcd.jetcd.Client;
import java.time.Duration;
import java.util.List;

/** One connection to an etcd cluster, and the keys pgha reads and writes through it. */
public final class EtcdSession implements AutoCloseable {

    private final Client client;

    private EtcdSession(Client client) {
        this.client = client;
    }

    public static EtcdSession open(List<String> endpoints, Duration connectTimeout) {
        return new EtcdSession(EtcdClientFactory.create(endpoints, connectTimeout));
    }

    public LeaderKey leaderKey(String namespace, String scope, Duration timeout) {
        return new LeaderKey(client, namespace, scope, timeout);
    }

    public StateKey stateKey(String key, Duration ttl, Duration timeout) {
        return new StateKey(client, key, ttl, timeout);
    }

    @Override
    public void close() {
        client.close();
    }
}
