package io.pgha.runtime.stack;

/**
 * Renders haproxy.cfg for a spec: 5000 to the Patroni leader, 5001 round-robin to the replicas, 8404 the
 * stats page and /metrics. Checks and timings are those of docs/decisions/0002. Ports here are the
 * container's; the host ports are mapped by Docker, so the file is the same for every stack of one size.
 */
final class HaproxyRenderer {

    private static String serverDefaults(StackSpec spec) {
        return "    default-server " + spec.fastPaths().routerChecks().haproxyTiming()
                + " on-marked-down shutdown-sessions check port 8008 resolvers docker init-addr last,libc,none\n";
    }

    /**
     * A connect begun just before the router flip lands on the old primary, which refuses it. HAProxy retries
     * after min(timeout connect, 1 s); with fast handover it retries sooner and on another server, so the
     * client reaches the new primary instead of failing (docs/decisions/0013).
     */
    private static String connectRetries(StackSpec spec) {
        return spec.fastPaths().fastHandover()
                ? "    retries 3\n    option redispatch 1\n    timeout connect 300ms\n"
                : "    retries 1\n    timeout connect 1s\n";
    }

    private HaproxyRenderer() {}

    public static String render(StackSpec spec) {
        StringBuilder c = new StringBuilder("""
                # HAProxy for the pgha stack: 5000 -> the Patroni leader, 5001 -> the replicas (round-robin),
                # 8404 -> stats page and Prometheus /metrics. Rendered from a StackSpec by `pgha export-compose`.
                global
                    maxconn 2000
                    # Runtime API, reachable on the stack network only (never published).
                    stats socket ipv4@0.0.0.0:9999 level admin
                    stats timeout 30s

                defaults
                    mode tcp
                """).append(connectRetries(spec)).append("""
                    timeout queue 2s
                    timeout check 1s
                    timeout client 30m
                    timeout server 30m

                resolvers docker
                    nameserver dns 127.0.0.11:53
                    resolve_retries 2
                    timeout resolve 1s
                    timeout retry 1s
                    hold valid 5s
                    hold other 5s
                    hold refused 5s
                    hold nx 5s
                    hold timeout 5s
                    hold obsolete 5s

                frontend stats
                    mode http
                    bind *:8404
                    monitor-uri /healthz
                    http-request use-service prometheus-exporter if { path /metrics }
                    stats enable
                    stats uri /
                    stats refresh 5s

                listen primary
                    bind *:5000
                    option httpchk
                    http-check send meth HEAD uri /primary
                    http-check expect status 200
                """);
        c.append(serverDefaults(spec));
        servers(c, spec);
        c.append("""

                listen replicas
                    bind *:5001
                    balance roundrobin
                    option httpchk
                    http-check send meth HEAD uri /replica
                    http-check expect status 200
                """);
        c.append(serverDefaults(spec));
        servers(c, spec);
        return c.toString();
    }

    private static void servers(StringBuilder c, StackSpec spec) {
        for (String node : StackLayout.of(spec).pgNodes()) {
            c.append("    server ").append(node).append(' ').append(node).append(":5432\n");
        }
    }
}
