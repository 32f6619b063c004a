package io.pgha.runtime.dcs;

import io.etcd.jetcd.Client;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Builds jetcd clients from endpoint lists such as "etcd-1:2379,etcd-2:2379" or full URLs (see {@link EtcdClients}). */
public final class EtcdClientFactory {

    private EtcdClientFactory() {}

    /**
     * The endpoints of a comma-separated list, as given: a bare host:port stays bare, and takes its scheme from
     * whether TLS is on when a client is made ({@link EtcdClients}).
     */
    public static List<String> endpoints(String commaSeparated) {
        List<String> endpoints = java.util.Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .map(s -> s.replace("'", ""))
                .filter(s -> !s.isEmpty())
                .toList();
        if (endpoints.isEmpty()) {
            throw PghaException.invalidInput("no etcd endpoints given; pass them as host:port[,host:port…]");
        }
        return endpoints;
    }

    public static Client create(List<String> endpoints, Duration connectTimeout) {
        return create(endpoints, Optional.empty(), connectTimeout);
    }

    /** A client with jetcd's default retries, over TLS and with a user when {@code auth} says so. */
    public static Client create(List<String> endpoints, Optional<EtcdAuth> auth, Duration connectTimeout) {
        return EtcdClients.createDefault(endpoints, auth, connectTimeout);
    }
}
