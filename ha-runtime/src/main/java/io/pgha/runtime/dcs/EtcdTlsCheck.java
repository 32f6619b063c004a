package io.pgha.runtime.dcs;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import io.pgha.runtime.http.ClusterTrust;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Why a call to etcd over TLS got no answer. gRPC keeps retrying a channel whose TLS handshake fails (wrong CA, wrong
 * name) and a call that waits for a connection then only runs out of its deadline; so after such a failure, one TLS
 * handshake per endpoint, with the same trust and name check as the client, tells the user which check failed.
 */
final class EtcdTlsCheck {

    private EtcdTlsCheck() {}

    /**
     * The TLS failure behind a failed call, if a handshake with one of the endpoints fails the way the client's would;
     * otherwise {@code failure} as it was.
     */
    static PghaException explain(
            PghaException failure, String action, List<String> endpoints, Optional<EtcdAuth> auth, Duration timeout) {
        if (failure.kind() != PghaException.Kind.TIMEOUT && failure.kind() != PghaException.Kind.UNAVAILABLE) {
            return failure;
        }
        try {
            List<URI> uris = EtcdClients.uris(endpoints, auth);
            for (URI u : uris) {
                Optional<PghaException> why = u.getScheme().equals("https")
                        ? handshake(action, u, auth.flatMap(EtcdAuth::caFile), timeout)
                        : plainToTls(action, u, timeout);
                if (why.isPresent()) {
                    return why.get();
                }
            }
        } catch (RuntimeException e) {
            // the check only adds a reason; the original failure stands
        }
        return failure;
    }

    private static Optional<PghaException> handshake(String action, URI u, Optional<String> caFile, Duration timeout) {
        try {
            SSLContext context = caFile.isPresent() ? ClusterTrust.sslContext(caFile.get()) : SSLContext.getDefault();
            try (Socket raw = new Socket()) {
                raw.connect(new InetSocketAddress(u.getHost(), u.getPort()), (int) timeout.toMillis());
                raw.setSoTimeout((int) timeout.toMillis());
                try (SSLSocket s =
                        (SSLSocket) context.getSocketFactory().createSocket(raw, u.getHost(), u.getPort(), false)) {
                    SSLParameters p = s.getSSLParameters();
                    p.setEndpointIdentificationAlgorithm("HTTPS");
                    if (!Character.isDigit(u.getHost().charAt(0))
                            && !u.getHost().contains(":")) {
                        p.setServerNames(List.of(new SNIHostName(u.getHost())));
                    }
                    p.setApplicationProtocols(new String[] {"h2"});
                    s.setSSLParameters(p);
                    s.startHandshake();
                }
            }
            return Optional.empty();
        } catch (SSLException e) {
            String what = action + " (etcd at " + u + ")";
            return EtcdErrors.security(what, e)
                    .or(() -> Optional.of(new PghaException(
                            PghaException.Kind.UNAUTHORIZED,
                            what + ": the TLS handshake failed: " + e.getMessage(),
                            e)));
        } catch (IOException | java.security.GeneralSecurityException e) {
            return Optional.empty(); // unreachable: the original failure says so
        }
    }

    /** A plain-text client at a TLS port: etcd answers a TLS handshake there. */
    private static Optional<PghaException> plainToTls(String action, URI u, Duration timeout) {
        try {
            SSLContext trustAll = SSLContext.getInstance("TLS");
            trustAll.init(
                    null,
                    new javax.net.ssl.TrustManager[] {
                        new javax.net.ssl.X509TrustManager() {
                            @Override
                            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

                            @Override
                            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

                            @Override
                            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                                return new java.security.cert.X509Certificate[0];
                            }
                        }
                    },
                    null);
            try (Socket raw = new Socket()) {
                raw.connect(new InetSocketAddress(u.getHost(), u.getPort()), (int) timeout.toMillis());
                raw.setSoTimeout((int) timeout.toMillis());
                try (SSLSocket s =
                        (SSLSocket) trustAll.getSocketFactory().createSocket(raw, u.getHost(), u.getPort(), false)) {
                    s.startHandshake(); // only to learn whether the port speaks TLS; nothing is sent after it
                }
            }
            return Optional.of(new PghaException(
                    PghaException.Kind.INVALID_INPUT,
                    action + ": etcd at " + u
                            + " speaks TLS; use https:// and give the cluster's CA (--etcd-ca FILE)"));
        } catch (IOException | java.security.GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
