package io.pgha.runtime.stack;

import io.pgha.runtime.stack.StackService.Healthcheck;
import java.util.List;

/**
 * Docker health checks of the stack's containers, each with tools both image profiles have (the official images and the
 * local Debian ones). They run every 30 s, cost one exec each, and never log in anywhere: PostgreSQL is asked through
 * its local socket as the superuser (trust), so its log stays free of the probe. Nothing waits for them: they are what
 * `docker ps` shows. Every exec costs the engine, containerd and runc a few tens of milliseconds of CPU, which on a
 * small machine lands on Patroni's handover when it coincides; a slower pace keeps that rare (docs/BENCHMARKS.md).
 */
final class HealthChecks {

    /** Touched by the supervisor whenever etcd answered its lease keeper (every second, leader or standby). */
    static final String SUPERVISOR_ALIVE_FILE = "/tmp/pgha-supervisor.alive";

    static final int INTERVAL = 30;
    private static final int TIMEOUT = 5;
    private static final int RETRIES = 3;

    /** HAProxy answers its monitor URI on the stats listener (bash's /dev/tcp: the official image has no HTTP client). */
    static final Healthcheck ROUTER = new Healthcheck(
            List.of(
                    "CMD",
                    "bash",
                    "-c",
                    "exec 3<>/dev/tcp/127.0.0.1/8404 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q ' 200 ' <&3"),
            INTERVAL,
            TIMEOUT,
            RETRIES,
            0);

    /** The exporter's landing page (no database query; busybox wget on the official image). */
    static final Healthcheck EXPORTER = new Healthcheck(
            List.of("CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:9187/"), INTERVAL, TIMEOUT, RETRIES, 0);

    /** Prometheus's own health endpoint (busybox wget on the official image). */
    static final Healthcheck PROMETHEUS = new Healthcheck(
            List.of("CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:9090/-/healthy"),
            INTERVAL,
            TIMEOUT,
            RETRIES,
            30);

    /** etcd answered the supervisor within the last 20 s. */
    static final Healthcheck SUPERVISOR = new Healthcheck(
            List.of("CMD-SHELL", "[ -n \"$(find " + SUPERVISOR_ALIVE_FILE + " -newermt '-20 seconds' 2>/dev/null)\" ]"),
            INTERVAL,
            TIMEOUT,
            RETRIES,
            30);

    private HealthChecks() {}

    /** PostgreSQL accepts connections and Patroni's /liveness answers (Patroni's loop is alive). */
    static Healthcheck postgres(String superuser, boolean tls) {
        String liveness = tls
                ? "curl -fsS -m 3 -o /dev/null --cacert " + StackSecurity.TLS_DIR
                        + "/ca.crt https://127.0.0.1:8008/liveness"
                : "curl -fsS -m 3 -o /dev/null http://127.0.0.1:8008/liveness";
        return new Healthcheck(
                List.of("CMD-SHELL", "pg_isready -q -U " + superuser + " && " + liveness),
                INTERVAL,
                TIMEOUT,
                RETRIES,
                60);
    }
}
