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
 * certificate, IP addresses included): for pgha's own clients of the cluster's HTTPS endpoints. The CA file is read
 * again when it changes (a CA rotation), also by clients made before.
 */
public final class ClusterTrust {

    private ClusterTrust() {}

    public static SSLContext sslContext(String caFile) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    null,
                    new javax.net.ssl.TrustManager[] {new ReloadingTrust(Path.of(caFile), ClusterTrust::load)},
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw PghaException.invalidInput(
                    "cannot use the cluster's CA certificate " + caFile + ": " + e.getMessage());
        }
    }

    /** A trust manager for the certificates of a PEM file (a bundle during a CA rotation). */
    private static javax.net.ssl.X509ExtendedTrustManager load(Path caFile) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(caFile)) {
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
            for (javax.net.ssl.TrustManager m : tmf.getTrustManagers()) {
                if (m instanceof javax.net.ssl.X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw PghaException.invalidInput("this JVM has no X.509 trust manager for " + caFile);
        } catch (IOException e) {
            throw PghaException.invalidInput(
                    "cannot read the cluster's CA certificate " + caFile + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw PghaException.invalidInput(
                    "cannot use the cluster's CA certificate " + caFile + ": " + e.getMessage());
        }
    }
}
