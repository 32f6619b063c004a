package io.pgha.runtime.dcs;

import io.etcd.jetcd.Client;
import io.pgha.runtime.PghaException;
import java.time.Duration;
import java.util.List;

/** Builds jetcd clients from endpoint lists such as "etcd-1:2379,etcd-2:2379" or full URLs. */
public final class EtcdClientFactory {

    private EtcdClientFactory() {}

    public static List<String> endpoints(String commaSeparated) {
        List<String> endpoints = java.util.Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .map(s -> s.replace("'", ""))
                .filter(s -> !s.isEmpty())
                .map(s -> s.contains("://") ? s : "http://" + s)
                .toList();
        if (endpoints.isEmpty()) {
            throw PghaException.invalidInput("no etcd endpoints given; pass them as host:port[,host:port…]");
        }
        return endpoints;
    }

    public static Client create(List<String> endpoints, Duration connectTimeout) {
        return Client.builder()
                .endpoints(endpoints.toArray(String[]::new))
                .connectTimeout(connectTimeout)
                .build();
    }
}
