package io.pgha.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.model.HealthCheck;
import io.pgha.runtime.model.HealthCheck.Status;
import io.pgha.runtime.pki.CertificateRequest;
import io.pgha.runtime.pki.ClusterPki;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A health check per certificate of the cluster's PKI: the node's a year, the CA's ten, judged at the snapshot's time. */
class CertificateChecksTest {

    private static final Instant ISSUED = Instant.parse("2026-01-10T00:00:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} days after issue: ca {1}, pg-0 {2}")
    @CsvSource({
        "0, PASS, PASS",
        "334, PASS, PASS",
        "336, PASS, WARN",
        "364, PASS, WARN",
        "366, PASS, FAIL",
        "3660, FAIL, FAIL"
    })
    void passWarnFail(long daysLater, Status ca, Status node) {
        new ClusterPki(dir, "shop", Clock.fixed(ISSUED, ZoneOffset.UTC))
                .ensure(new CertificateRequest("pg-0", List.of("pg-0"), List.of()));

        List<HealthCheck> checks = new CertificateChecks(Optional.of(dir)).at(ISSUED.plus(Duration.ofDays(daysLater)));

        assertThat(checks).extracting(HealthCheck::kind).containsOnly(HealthCheck.Kind.CERTIFICATE_EXPIRY);
        assertThat(checks).extracting(HealthCheck::target).containsExactly("ca", "pg-0");
        assertThat(checks).extracting(HealthCheck::status).containsExactly(ca, node);
        assertThat(checks.get(0).detail()).startsWith("the cluster's CA: ");
        if (node == Status.WARN) {
            assertThat(checks.get(1).detail()).contains("run `pgha certs rotate`");
        }
    }

    @Test
    void aClusterWithoutPkiHasNoCertificateChecks() {
        assertThat(new CertificateChecks(Optional.empty()).at(ISSUED)).isEmpty();
        assertThat(new CertificateChecks(Optional.of(dir.resolve("none"))).at(ISSUED))
                .isEmpty();
    }

    @Test
    void aRotationShowsWithinAMinute() {
        ClusterPki pki = new ClusterPki(dir, "shop", Clock.fixed(ISSUED, ZoneOffset.UTC));
        pki.ensure(new CertificateRequest("pg-0", List.of("pg-0"), List.of()));
        CertificateChecks checks = new CertificateChecks(Optional.of(dir));
        Instant late = ISSUED.plus(Duration.ofDays(340));
        assertThat(checks.at(late).get(1).status()).isEqualTo(Status.WARN);

        new ClusterPki(dir, "shop", Clock.fixed(late, ZoneOffset.UTC)).renew("pg-0");

        assertThat(checks.at(late.plusSeconds(1)).get(1).status())
                .as("read at most once a minute")
                .isEqualTo(Status.WARN);
        assertThat(checks.at(late.plus(CertificateChecks.REREAD)).get(1).status())
                .isEqualTo(Status.PASS);
    }
}
