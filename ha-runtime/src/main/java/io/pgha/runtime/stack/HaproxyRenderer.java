package io.pgha.runtime.stack;

/**
 * Renders haproxy.cfg for a spec: 5000 to the Patroni leader, 5001 round-robin to the replicas, 8404 the
 * stats page and /metrics. Checks and timings are those of docs/decisions/0002. Ports here are the
 * container's; the host ports are mapped by Docker, so the file is the same for every stack of one size.
 * With the spec's security (docs/decisions/0020): the checks verify Patroni's certificate against the
 * cluster's CA, the stats page asks for a login (users.cfg), /metrics has a listener of its own on the
 * stack network, and the runtime API is a unix socket instead of a TCP port.
 */
final class HaproxyRenderer {

    /** The userlist the stats page asks for (in its own file, users.cfg, beside haproxy.cfg). */
    public static final String STATS_USERLIST = "pgha-stats";

    private static String serverDefaults(StackSpec spec) {
        // with TLS, the checks of Patroni's REST API verify its certificate against the cluster's CA
        String tls = spec.security().tls()
                ? " check-ssl verify required ca-file " + spec.security().caFile()
                : "";
        return "    default-server " + spec.fastPaths().routerChecks().haproxyTiming() + shutdownSessions(spec)
                + " check port 8008" + tls
                + " resolvers docker init-addr last,libc,none\n";
    }

    /**
     * Without a supervisor, a server the checks mark down has its sessions shut, so that clients of a frozen or cut-off
     * primary fail and reconnect. With one, the supervisor shuts them itself when a member that may still run leaves
     * the write listener, and leaves those of a container that is gone: HAProxy 3.0 leaves a client whose connect to
     * a dead address was under way hanging until {@code timeout client} when its stream is shut (docs/decisions/0068).
     */
    private static String shutdownSessions(StackSpec spec) {
        return spec.fastPaths().supervisor() ? "" : " on-marked-down shutdown-sessions";
    }

    /** users.cfg: the stats page's one user, with {@code password} e.g. "password $6$…" (a crypt(3) hash). */
    public static String users(String password) {
        return "# The login of HAProxy's stats page (docs/decisions/0020). Keep this file private.\n" + "userlist "
                + STATS_USERLIST + "\n    user " + StackSecurity.API_USER + " " + password + "\n";
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

    /**
     * With {@code timeout check} set, HAProxy gives a check min(inter, timeout connect) to connect, and a TLS check's
     * handshake with Patroni counts as connecting: with fast handover's 300 ms connect timeout (meant for clients) a
     * handshake with a Patroni busy on two shared cores timed out ("Layer6 timeout") and marked a healthy primary down,
     * shutting its sessions. Without it a check has its whole inter (1 s) for connect, handshake and answer
     * (docs/decisions/0055).
     */
    private static String checkTimeout(StackSpec spec) {
        return spec.security().tls()
                ? "    # no timeout check: a TLS check gets its whole inter, not the clients' timeout connect (ADR 55)\n"
                : "    timeout check 1s\n";
    }

    private HaproxyRenderer() {}

    public static String render(StackSpec spec) {
        StringBuilder c = new StringBuilder("""
                # HAProxy for the pgha stack: 5000 -> the Patroni leader, 5001 -> the replicas (round-robin),
                # 8404 -> stats page and Prometheus /metrics. Rendered from a StackSpec by `pgha export-compose`.
                global
                    maxconn 2000
                """)
                .append(runtimeApi(spec))
                .append("""
                    stats timeout 30s
                """)
                .append(serverStateFile(spec))
                .append("""

                defaults
                    mode tcp
                """)
                .append(loadServerState(spec))
                .append(connectRetries(spec))
                .append("""
                    timeout queue 2s
                """)
                .append(checkTimeout(spec))
                .append("""
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

                """)
                .append(stats(spec))
                .append("""

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

    /**
     * With TLS (so with a runtime API on the shared volume): a reload (`pgha certs rotate --ca`) starts the new process
     * with the servers' states the rotation dumped just before it ({@code show servers state}), instead of every
     * server up until its first check, which would send new connections to 5000 to a replica for a check or two. The
     * rotation deletes the file once the new process checked every server, so a later start never reads a stale one
     * (HAProxy starts as without the directive when the file is missing).
     */
    private static String serverStateFile(StackSpec spec) {
        return spec.security().tls() ? "    server-state-file " + StackSecurity.ROUTER_STATE_FILE + "\n" : "";
    }

    private static String loadServerState(StackSpec spec) {
        return spec.security().tls() ? "    load-server-state-from-file global\n" : "";
    }

    private static String runtimeApi(StackSpec spec) {
        return spec.security().authentication()
                ? "    # Runtime API: a unix socket on a volume shared with the supervisor only, never on the network.\n"
                        + "    stats socket " + StackSecurity.ROUTER_SOCKET + " mode 600 level admin\n"
                : "    # Runtime API, reachable on the stack network only (never published).\n"
                        + "    stats socket ipv4@0.0.0.0:9999 level admin\n";
    }

    private static String stats(StackSpec spec) {
        if (!spec.security().authentication()) {
            return """
                    frontend stats
                        mode http
                        bind *:8404
                        monitor-uri /healthz
                        http-request use-service prometheus-exporter if { path /metrics }
                        stats enable
                        stats uri /
                        stats refresh 5s
                    """;
        }
        return """
                frontend stats
                    mode http
                    bind *:8404
                    monitor-uri /healthz
                    http-request auth realm pgha unless { http_auth(%s) }
                    stats enable
                    stats uri /
                    stats refresh 5s

                # Prometheus /metrics (read-only counters) for the stack's Prometheus: on the stack network only, never
                # published, without a login.
                frontend metrics
                    mode http
                    bind *:%d
                    http-request use-service prometheus-exporter if { path /metrics }
                    http-request deny
                """.formatted(STATS_USERLIST, StackLayout.ROUTER_METRICS_PORT);
    }

    private static void servers(StringBuilder c, StackSpec spec) {
        for (String node : StackLayout.of(spec).pgNodes()) {
            c.append("    server ").append(node).append(' ').append(node).append(":5432");
            if (spec.security().tls()) {
                // the name Patroni's certificate must carry
                c.append(" check-sni ").append(node).append(" verifyhost ").append(node);
            }
            c.append('\n');
        }
    }
}
