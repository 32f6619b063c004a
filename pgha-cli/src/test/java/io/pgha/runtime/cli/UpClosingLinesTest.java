package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterConnection.RouterEndpoints;
import io.pgha.runtime.provision.UpResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What pgha up says last (issue 18): how an application connects the safe way, never a password nor the superuser. */
class UpClosingLinesTest {

    private static UpResult up(String name, Optional<String> ca, List<String> actions) {
        ClusterConnection c = new ClusterConnection(
                        name,
                        name,
                        List.of("https://127.0.0.1:23791"),
                        Optional.empty(),
                        Map.of("pg-0", "https://127.0.0.1:8008"),
                        Optional.of(new RouterEndpoints("127.0.0.1", 25000, 25001, "http://127.0.0.1:28404/")),
                        Optional.of(name),
                        ClusterConnection.Origin.PROVISIONED)
                .withCaFile(ca);
        return new UpResult(name, actions, "pg-0", c, "app", Duration.ofMillis(14_321));
    }

    @Test
    void theApplicationRoleWithVerifyFullAndTheClusterCa() {
        List<String> lines = UpCommand.closingLines(
                up("up18", Optional.of("/home/me/.config/pgha/clusters/up18/pki/ca.crt"), List.of("started pg-0")));
        assertThat(lines.getFirst()).isEqualTo("Stack up18 is up in 14.3 s; pg-0 leads.");
        assertThat(String.join("\n", lines))
                .contains("applications connect as app to database app, verifying the servers against the cluster's CA")
                .contains("writes: psql 'postgresql://app@127.0.0.1:25000/app?sslmode=verify-full&sslrootcert="
                        + "%2Fhome%2Fme%2F.config%2Fpgha%2Fclusters%2Fup18%2Fpki%2Fca.crt'")
                .contains("reads:  psql 'postgresql://app@127.0.0.1:25001/app?sslmode=verify-full&sslrootcert=")
                .contains("the password and ready-made connection strings: pgha credentials up18")
                .doesNotContain("-U postgres")
                .doesNotContain("postgres@")
                .doesNotContain("app:");
    }

    @Test
    void theDefaultStackNeedsNoNameAndAStackWithoutTlsNoSslOptions() {
        List<String> lines = UpCommand.closingLines(up("pg-ha", Optional.empty(), List.of()));
        assertThat(lines.getFirst()).isEqualTo("Stack pg-ha is already up; nothing changed (14.3 s).");
        assertThat(lines)
                .contains("  writes: psql 'postgresql://app@127.0.0.1:25000/app'")
                .contains("  the password and ready-made connection strings: pgha credentials");
    }
}
