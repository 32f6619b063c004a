package io.pgha.runtime.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.pki.CertificateRequest;
import io.pgha.runtime.pki.ClusterPki;
import io.pgha.runtime.usecase.CertificateReport.Entry;
import io.pgha.runtime.usecase.CertificateReport.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `pgha certs status`: every certificate with its names, issuer, end and days left; a warning under 30 days. */
class CertificateReportTest {

    private static final Instant ISSUED = Instant.parse("2026-01-10T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void listsTheAuthorityThenTheNodesWithTheirNamesAndEnds() {
        new ClusterPki(dir, "shop", Clock.fixed(ISSUED, ZoneOffset.UTC))
                .ensure(new CertificateRequest("pg-0", List.of("pg-0", "pg-router"), List.of("127.0.0.1")));
        Instant now = ISSUED.plus(Duration.ofDays(345));

        List<Entry> entries = CertificateReport.of(dir, Clock.fixed(now, ZoneOffset.UTC));

        assertThat(entries).extracting(Entry::name).containsExactly("ca", "pg-0");
        Entry ca = entries.get(0);
        assertThat(ca.kind()).isEqualTo("authority");
        assertThat(ca.subject()).isEqualTo(ca.issuer()).contains("CN=pgha cluster shop CA");
        assertThat(ca.level()).isEqualTo(Level.OK);
        Entry node = entries.get(1);
        assertThat(node.subject()).contains("CN=pg-0");
        assertThat(node.issuer()).isEqualTo(ca.subject());
        assertThat(node.dnsNames()).containsExactly("pg-0", "pg-router");
        assertThat(node.ipAddresses()).containsExactly("127.0.0.1");
        assertThat(node.daysLeft()).isEqualTo(20);
        assertThat(node.level()).isEqualTo(Level.WARNING);
        assertThat(node.message()).contains("in 20 days");
        assertThat(node.serial()).matches("[0-9a-f]+");
    }
}
