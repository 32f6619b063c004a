package io.pgha.runtime.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What BouncyCastle writes, the JDK alone reads back: certificates, bundles and PKCS#8 keys of each kind. */
class PemTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsBackTheCertificatesAndKeysItWrites() {
        CertificateAuthority ca = CertificateAuthority.create("shop", clock);
        IssuedCertificate leaf = ca.issue(new CertificateRequest("pg-0", List.of("pg-0"), List.of()), clock);

        assertThat(Pem.certificate(Pem.of(ca.certificate()))).isEqualTo(ca.certificate());
        assertThat(Pem.privateKey(Pem.of(leaf.key())).getEncoded())
                .isEqualTo(leaf.key().getEncoded());
        assertThat(Pem.certificates(Pem.of(leaf.certificate()) + Pem.of(ca.certificate())))
                .containsExactly(leaf.certificate(), ca.certificate());
    }

    @Test
    void readsRsaAndEd25519KeysAsOtherToolsWriteThem() throws Exception {
        for (String algorithm : List.of("RSA", "Ed25519")) {
            PrivateKey key =
                    KeyPairGenerator.getInstance(algorithm).generateKeyPair().getPrivate();
            assertThat(Pem.privateKey(Pem.of(key)).getAlgorithm()).isEqualTo(key.getAlgorithm());
        }
    }

    @Test
    void textWithoutACertificateOrKeySaysSo() {
        assertThat(Pem.certificates("no PEM here")).isEmpty();
        assertThatThrownBy(() -> Pem.certificate("no PEM here"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a PEM certificate");
        assertThatThrownBy(() -> Pem.privateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unreadable private key");
    }
}
