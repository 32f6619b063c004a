package io.pgha.runtime.stack;

/**
 * How a stack protects itself (docs/decisions/0020). {@link #SECURE}, what {@code pgha up} and {@code pgha
 * export-compose} make: every certificate issued by the cluster's own CA, PostgreSQL taking only TLS from the network,
 * Patroni's REST API over TLS with basic authentication on its unsafe endpoints, HAProxy's health checks verifying
 * Patroni's certificate, its runtime API on a unix socket shared only with the supervisor and its stats page behind a
 * login, an application role and a monitoring role. {@link #SEED}, only for the committed compose stack (the seed's
 * postgres/postgres): none of it.
 *
 * @param tls            the cluster CA's certificates on PostgreSQL and Patroni's REST API; no plain-text PostgreSQL
 *                       from the network
 * @param authentication logins on Patroni's unsafe endpoints and HAProxy's stats page, HAProxy's runtime API off the
 *                       network, least-privilege roles for applications, exporters, probes and the supervisor
 */
public record StackSecurity(boolean tls, boolean authentication) {

    public static final StackSecurity SECURE = new StackSecurity(true, true);
    public static final StackSecurity SEED = new StackSecurity(false, false);

    /** The role applications log in as, owner of the database of the same name. */
    public static final String APPLICATION_ROLE = "app";

    /** The role exporters, pgha's probes and the supervisor log in as: pg_monitor, nothing more. */
    public static final String MONITOR_ROLE = "pgha_monitor";

    /** The user of Patroni's REST API and of HAProxy's stats page. */
    public static final String API_USER = "pgha";

    /** Where a container finds the cluster CA's files (ca.crt, and server.crt/server.key on a PostgreSQL node). */
    public static final String TLS_DIR = "/run/pgha/tls";

    /** Where a container finds its secrets, one file per variable name (PGPASSWORD_SUPERUSER, …), owner-only. */
    public static final String SECRETS_DIR = "/run/pgha/secrets";

    /** HAProxy's runtime API socket, on a volume shared by the router and the supervisor only. */
    public static final String ROUTER_SOCKET_DIR = "/var/lib/haproxy";

    public static final String ROUTER_SOCKET = ROUTER_SOCKET_DIR + "/admin.sock";

    /**
     * The servers' states HAProxy reads when it starts, written just before a reload by {@code pgha certs rotate --ca}
     * and deleted once the new process has checked every server (docs/decisions/0020).
     */
    public static final String ROUTER_STATE_FILE = ROUTER_SOCKET_DIR + "/server-state";

    public String caFile() {
        return TLS_DIR + "/ca.crt";
    }

    /** Whether this is the seed's open stack. */
    public boolean isSeed() {
        return !tls && !authentication;
    }
}
