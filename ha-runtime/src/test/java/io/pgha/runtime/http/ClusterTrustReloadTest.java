package io.pgha.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.pki.CertificateRequest;
import io.pgha.runtime.pki.ClusterPki;
import io.pgha.runtime.pki.IssuedCertificate;
import io.pgha.runtime.testsupport.ServerTls;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client made before a CA rotation trusts what the CA file holds now: the bundle of the old and the new CA. */
class ClusterTrustReloadTest {

    @TempDir
    Path dir;

    @Test
    void aContextReadsTheCaFileAgainWhenItChanges() throws Exception {
        Clock clock = Clock.systemUTC();
        ClusterPki old = new ClusterPki(dir.resolve("old"), "shop", clock);
        old.authority();
        ClusterPki next = new ClusterPki(dir.resolve("new"), "shop", clock);
        IssuedCertificate served =
                next.ensure(new CertificateRequest("pg-0", List.of("localhost"), List.of("127.0.0.1")));
        Path ca = dir.resolve("ca.crt");
        Files.writeString(ca, old.text(old.caFile()));
        SSLContext client = ClusterTrust.sslContext(ca.toString());

        try (SSLServerSocket server = server(served)) {
            assertThatThrownBy(() -> handshake(client, server)).isInstanceOf(SSLHandshakeException.class);

            Files.writeString(ca, next.text(next.caFile()) + old.text(old.caFile()));
            Files.setLastModifiedTime(ca, FileTime.fromMillis(System.currentTimeMillis() + 2000));

            handshake(client, server);
        }
    }

    private static SSLServerSocket server(IssuedCertificate served) throws Exception {
        SSLContext ctx = ServerTls.presenting(served);
        return (SSLServerSocket)
                ctx.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
    }

    private static void handshake(SSLContext client, SSLServerSocket server) throws Exception {
        CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                s.setSoTimeout(5000);
                s.startHandshake();
                s.getInputStream().read();
            } catch (IOException e) {
                // the client refused: its side says why
            }
        });
        try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", server.getLocalPort())) {
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            s.setSoTimeout(5000);
            s.startHandshake();
            assertThat(s.getSession().getPeerCertificates()).hasSize(1);
        } finally {
            accepted.get();
        }
    }
}
