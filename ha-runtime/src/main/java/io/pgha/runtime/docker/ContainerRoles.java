package io.pgha.runtime.docker;

import java.util.Locale;

/** What a stack container is, from its compose service (or container) name and image. */
final class ContainerRoles {

    private ContainerRoles() {}

    static String of(String service, String image) {
        String s = service.toLowerCase(Locale.ROOT);
        String i = image.toLowerCase(Locale.ROOT);
        if (s.contains("exporter") || i.contains("exporter")) {
            return "exporter";
        }
        if (s.contains("prometheus") || i.contains("prometheus/prometheus") || i.startsWith("pgha/prometheus")) {
            return "prometheus";
        }
        if (s.contains("supervisor")) {
            return "supervisor";
        }
        if (s.contains("router") || s.contains("haproxy") || i.contains("haproxy")) {
            return "router";
        }
        if (s.startsWith("etcd") || i.contains("etcd")) {
            return "etcd";
        }
        if (i.contains("spilo") || i.contains("patroni") || i.contains("postgres") || s.startsWith("pg-")) {
            return "postgres";
        }
        return "other";
    }
}
