package io.pgha.runtime.http;

import io.pgha.runtime.PghaException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS that trusts one cluster's certificate authority and nothing else (the JDK verifies the server's name against the
 * certificate, IP addresses included): for pgha's own clients of the cluster's HTTPS endpoints.
 */
public final class ClusterTrust {

    private ClusterTrust() {}

    public static SSLContext sslContext(String caFile) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(Path.of(caFile))) {
                int i = 0;
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    trust.setCertificateEntry("ca-" + i++, c);
                }
                if (i == 0) {
                    throw PghaException.invalidInput(
                            caFile + " holds no PEM certificate: give the cluster's CA certificate");
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw PghaException.invalidInput(
                    "cannot read the cluster's CA certificate " + caFile + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw PghaException.invalidInput(
                    "cannot use the cluster's CA certificate " + caFile + ": " + e.getMessage());
        }
    }
}
