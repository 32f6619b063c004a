package io.pgha.runtime.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster's authority issues certificates that the JDK's own PKIX validation accepts for exactly the names asked. */
class ClusterPkiTest {

    private static final CertificateRequest ROUTER =
            new CertificateRequest("pg-router", List.of("pg-router", "localhost"), List.of("127.0.0.1"));

    @TempDir
    Path dir;

    private final Instant now = Instant.parse("2026-12-04T12:00:00Z");
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);

    @Test
    void issuesCertificatesThatChainToTheClusterAuthorityWithTheirNames() throws Exception {
        ClusterPki pki = new ClusterPki(dir.resolve("pki"), "shop", clock);
        IssuedCertificate router = pki.ensure(ROUTER);

        assertThat(router.subjectAlternativeNames()).containsExactlyInAnyOrder("pg-router", "localhost", "127.0.0.1");
        assertThat(router.notAfter()).isAfter(now.plus(Duration.ofDays(300)));
        PKIXParameters params =
                new PKIXParameters(Set.of(new TrustAnchor(pki.authority().certificate(), null)));
        params.setRevocationEnabled(false);
        params.setDate(java.util.Date.from(now));
        CertPathValidator.getInstance("PKIX")
                .validate(
                        CertificateFactory.getInstance("X.509").generateCertPath(List.of(router.certificate())),
                        params);
        assertThat(router.certificate().getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    }

    /** A real TLS handshake on loopback, the client checking the name it asked for as HTTPS clients and verify-full do. */
    @Test
    void aVerifyingClientAcceptsTheNamesAndRefusesOthers() throws Exception {
        ClusterPki pki = new ClusterPki(dir.resolve("pki"), "shop", Clock.systemUTC());
        IssuedCertificate router = pki.ensure(ROUTER);
        SSLContext server = io.pgha.runtime.testsupport.ServerTls.presenting(router);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.authority().certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);

        try (SSLServerSocket listener = (SSLServerSocket)
                server.getServerSocketFactory().createServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
            Thread accepting = Thread.ofPlatform().daemon().start(() -> {
                while (!listener.isClosed()) {
                    try (SSLSocket s = (SSLSocket) listener.accept()) {
                        s.startHandshake();
                    } catch (java.io.IOException ignored) {
                        // a refused handshake or the listener closing
                    }
                }
            });
            for (String host : List.of("pg-router", "localhost", "127.0.0.1")) {
                assertThat(handshake(client, listener.getLocalPort(), host))
                        .as(host)
                        .isNull();
            }
            assertThat(handshake(client, listener.getLocalPort(), "pg-0"))
                    .as("a name the certificate does not carry")
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
            listener.close();
            accepting.join(5000);
        }
    }

    /** Null when the handshake succeeds, else what failed. */
    private static Exception handshake(SSLContext client, int port, String host) throws Exception {
        try (java.net.Socket plain = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port);
                SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(plain, host, port, true)) {
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            s.startHandshake();
            return null;
        } catch (javax.net.ssl.SSLException e) {
            return e;
        }
    }

    @Test
    void keepsWhatStillFitsAndReissuesWhatDoesNot() {
        ClusterPki pki = new ClusterPki(dir.resolve("pki"), "shop", clock);
        IssuedCertificate first = pki.ensure(ROUTER);
        assertThat(pki.ensure(ROUTER).certificate()).as("kept while it fits").isEqualTo(first.certificate());

        CertificateRequest fewerNames = new CertificateRequest("pg-router", List.of("pg-router"), List.of("127.0.0.1"));
        IssuedCertificate renamed = pki.ensure(fewerNames);
        assertThat(renamed.certificate()).as("names changed").isNotEqualTo(first.certificate());

        ClusterPki later =
                new ClusterPki(dir.resolve("pki"), "shop", Clock.fixed(now.plus(Duration.ofDays(340)), ZoneOffset.UTC));
        assertThat(later.status())
                .filteredOn(s -> s.name().equals("pg-router"))
                .singleElement()
                .satisfies(s -> assertThat(s.expiresSoon()).isTrue());
        assertThat(later.ensure(fewerNames).notAfter())
                .as("renewed within 30 days of its end")
                .isAfter(now.plus(Duration.ofDays(600)));

        IssuedCertificate current = pki.ensure(fewerNames);
        assertThat(pki.rotate(fewerNames).certificate())
                .as("rotation always issues anew")
                .isNotEqualTo(current.certificate());
    }

    @Test
    void keysAndTheDirectoryAreOwnerOnly() throws Exception {
        ClusterPki pki = new ClusterPki(dir.resolve("pki"), "shop", clock);
        pki.ensure(ROUTER);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("pki"))))
                .isEqualTo("rwx------");
        for (String file : List.of("ca.key", "ca.crt", "pg-router.key", "pg-router.crt")) {
            assertThat(PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(dir.resolve("pki").resolve(file))))
                    .as(file)
                    .isEqualTo("rw-------");
        }
        assertThat(Files.readString(pki.keyFile("pg-router"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(pki.status()).extracting(CertificateStatus::name).containsExactly("ca", "pg-router");
    }
}
