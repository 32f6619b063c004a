package io.pgha.runtime.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renewing keeps a certificate's names; a CA rotation trusts both authorities until it ends, so that certificates of
 * either verify against ca.crt meanwhile, and the new one alone after.
 */
class AuthorityRotationTest {

    private static final CertificateRequest NODE =
            new CertificateRequest("pg-0", List.of("pg-0", "pg-router", "localhost"), List.of("127.0.0.1"));

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void renewingIssuesANewSerialWithTheSameNames() {
        ClusterPki pki = new ClusterPki(dir, "shop", clock);
        IssuedCertificate first = pki.ensure(NODE);

        IssuedCertificate renewed = pki.renew("pg-0");

        assertThat(renewed.certificate().getSerialNumber())
                .isNotEqualTo(first.certificate().getSerialNumber());
        assertThat(renewed.subjectAlternativeNames())
                .containsExactlyInAnyOrderElementsOf(first.subjectAlternativeNames());
        StoredCertificate stored = pki.certificates().get(1);
        assertThat(stored.serial()).isEqualTo(renewed.certificate().getSerialNumber());
        assertThat(stored.dnsNames()).containsExactly("pg-0", "pg-router", "localhost");
        assertThat(stored.ipAddresses()).containsExactly("127.0.0.1");
    }

    @Test
    void bothAuthoritiesAreTrustedDuringTheRotationAndTheNewOneAloneAfter() throws Exception {
        ClusterPki pki = new ClusterPki(dir, "shop", clock);
        IssuedCertificate old = pki.ensure(NODE);
        X509Certificate oldCa = pki.authority().certificate();

        assertThat(pki.beginAuthorityRotation()).isTrue();
        assertThat(pki.authorityRotationPending()).isTrue();
        X509Certificate newCa = pki.authority().certificate();
        assertThat(newCa).isNotEqualTo(oldCa);
        assertThat(newCa.getSubjectX500Principal()).isNotEqualTo(oldCa.getSubjectX500Principal());
        assertThat(pki.beginAuthorityRotation())
                .as("an interrupted rotation goes on")
                .isFalse();
        assertThat(pki.authority().certificate()).isEqualTo(newCa);
        IssuedCertificate renewed = pki.renew("pg-0");

        List<X509Certificate> bundle = Pem.certificates(pki.text(pki.caFile()));
        assertThat(bundle).containsExactly(newCa, oldCa);
        assertThat(verifies(old.certificate(), bundle)).isTrue();
        assertThat(verifies(renewed.certificate(), bundle)).isTrue();
        assertThat(pki.certificates().stream()
                        .map(c -> c.name() + ":" + c.kind())
                        .collect(Collectors.toList()))
                .containsExactly("ca:AUTHORITY", "ca-previous:PREVIOUS_AUTHORITY", "pg-0:COMPONENT");

        pki.finishAuthorityRotation();

        assertThat(pki.authorityRotationPending()).isFalse();
        List<X509Certificate> after = Pem.certificates(pki.text(pki.caFile()));
        assertThat(after).containsExactly(newCa);
        assertThat(verifies(renewed.certificate(), after)).isTrue();
        assertThat(verifies(old.certificate(), after)).isFalse();
        assertThat(pki.ensure(NODE).certificate()).as("the renewed one fits").isEqualTo(renewed.certificate());
    }

    private boolean verifies(X509Certificate leaf, List<X509Certificate> anchors) throws Exception {
        PKIXParameters params = new PKIXParameters(
                anchors.stream().map(a -> new TrustAnchor(a, null)).collect(Collectors.toSet()));
        params.setRevocationEnabled(false);
        params.setDate(java.util.Date.from(clock.instant()));
        try {
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), params);
            return true;
        } catch (java.security.cert.CertPathValidatorException e) {
            return false;
        }
    }
}
