package io.pgha.runtime.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** haproxy.cfg, prometheus.yml and the spec file of a secure stack (docs/decisions/0020). */
class SecureRenderingTest {

    @Test
    void haproxyVerifiesPatroniAndKeepsItsRuntimeApiOffTheNetwork() {
        String cfg = HaproxyRenderer.render(StackSpec.defaults());
        assertThat(cfg)
                .doesNotContain("ipv4@0.0.0.0:9999")
                .contains("stats socket /var/lib/haproxy/admin.sock mode 600 level admin")
                .contains("check-ssl verify required ca-file /run/pgha/tls/ca.crt")
                .contains("server pg-1 pg-1:5432 check-sni pg-1 verifyhost pg-1")
                .contains("http-request auth realm pgha unless { http_auth(pgha-stats) }")
                .contains("bind *:8405")
                // a reload (certs rotate --ca) starts from the servers' states dumped just before it
                .contains("    server-state-file /var/lib/haproxy/server-state\n")
                .contains("    load-server-state-from-file global\n")
                // a TLS check's handshake is not bounded by the clients' 300 ms timeout connect (ADR 55)
                .contains("    timeout connect 300ms\n")
                .doesNotContain("\n    timeout check");
        String seed = HaproxyRenderer.render(StackSpec.committed());
        assertThat(seed)
                .contains("ipv4@0.0.0.0:9999")
                .contains("    timeout check 1s\n")
                .doesNotContain("check-ssl")
                .doesNotContain("server-state")
                .doesNotContain("http_auth");
    }

    /** The router shuts a marked-down server's sessions itself only when no supervisor does it (ADR 68). */
    @Test
    void theChecksShutSessionsOnlyWithoutASupervisor() {
        StackSpec supervised = StackSpec.defaults();
        StackSpec alone = supervised.toBuilder()
                .fastPaths(supervised.fastPaths().withSupervisor(false))
                .build();
        assertThat(HaproxyRenderer.render(supervised)).doesNotContain("on-marked-down");
        assertThat(HaproxyRenderer.render(alone))
                .contains("fall 2 rise 1 on-marked-down shutdown-sessions check port 8008");
    }

    @Test
    void prometheusScrapesTheMetricsListener() {
        assertThat(PrometheusRenderer.render(StackSpec.defaults())).contains("pg-router:8405");
        assertThat(PrometheusRenderer.render(StackSpec.committed())).contains("pg-router:8404");
    }

    @Test
    void securityIsPartOfTheSpecFile() {
        StackSpec seed = StackSpec.committed();
        assertThat(StackSpecFile.write(seed)).contains("security:\n  tls: false\n  authentication: false");
        assertThat(StackSpecFile.parse(StackSpecFile.write(seed)).build()).isEqualTo(seed);
        assertThat(StackSpecFile.parse("security: {tls: false}").build().security())
                .isEqualTo(new StackSecurity(false, true));
        assertThat(SpecDifferences.between(
                        StackSpec.defaults().toBuilder()
                                .backups(seed.backups())
                                .routers(1)
                                .build(),
                        seed))
                .containsExactly("security.tls: true -> false", "security.authentication: true -> false");
    }

    @Test
    void postgresHealthCheckAsksPatroniOverTls() {
        assertThat(String.join(" ", HealthChecks.postgres("postgres", true).test()))
                .contains("--cacert /run/pgha/tls/ca.crt https://127.0.0.1:8008/liveness");
    }

    @Test
    void composeMountsCertificatesAndUsers() {
        String compose = ComposeRenderer.render(StackSpec.defaults());
        assertThat(compose)
                .contains("./tls/pg-0:/run/pgha/tls:ro")
                .contains("./haproxy/users.cfg:/usr/local/etc/haproxy/users.cfg:ro")
                .contains("router-api:/var/lib/haproxy")
                .doesNotContain("ALLOW_NOSSL");
        assertThat(ComposeRenderer.render(StackSpec.committed())).contains("WARNING: INSECURE SEED STACK");
    }

    @Test
    void composeGivesEtcdTlsButNoUsersNothingThereCouldMakeThem() {
        String compose = ComposeRenderer.render(StackSpec.defaults());
        assertThat(compose)
                .contains("./tls/etcd-1:/run/pgha/tls:ro")
                .contains("ETCD_LISTEN_CLIENT_URLS: https://0.0.0.0:2379")
                .contains("ETCD_PEER_CLIENT_CERT_AUTH: \"true\"")
                .contains("\"--cacert=/run/pgha/tls/ca.crt\", \"endpoint\", \"status\"")
                .contains("protocol: https")
                .contains("etcd over TLS without users")
                .contains("PGHA_ETCD_CA:")
                .doesNotContain("username: patroni")
                .doesNotContain("PATRONI_ETCD3_PASSWORD")
                .doesNotContain("PGHA_ETCD_CREDENTIALS_FILE");
        assertThat(ComposeRenderer.render(StackSpec.committed()))
                .contains("ETCD_LISTEN_CLIENT_URLS: http://0.0.0.0:2379")
                .doesNotContain("etcd3:")
                .doesNotContain("https://etcd-");
    }

    @Test
    void patroniReachesEtcdOverTlsAsItsUserWithoutItsPasswordInTheConfiguration() {
        String spilo = SpiloConfiguration.render(StackSpec.defaults());
        assertThat(spilo)
                .startsWith("etcd3:\n  protocol: https\n  cacert: /run/pgha/tls/ca.crt\n  username: patroni\n")
                .doesNotContain("password");
        assertThat(SpiloConfiguration.render(StackSpec.committed())).doesNotContain("etcd3");
    }
}
