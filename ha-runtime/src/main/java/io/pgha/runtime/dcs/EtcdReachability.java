package io.pgha.runtime.dcs;

import io.pgha.runtime.PghaException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether any of the given etcd endpoints accepts a connection, asked with a plain TCP connect before jetcd is given them:
 * jetcd retries a refused connection until its deadline and then only says that etcd did not answer in time, where the
 * user needs to know which address refused.
 */
public final class EtcdReachability {

    private EtcdReachability() {}

    /** Returns when one endpoint accepts a connection; otherwise fails naming each endpoint and what went wrong. */
    public static void requireOne(List<String> endpoints, Duration timeout) {
        List<String> failures = new ArrayList<>();
        for (String endpoint : endpoints) {
            try {
                URI uri = URI.create(endpoint.contains("://") ? endpoint : "http://" + endpoint);
                int port = uri.getPort() > 0 ? uri.getPort() : 2379;
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(uri.getHost(), port), (int) timeout.toMillis());
                    return;
                }
            } catch (ConnectException e) {
                failures.add(endpoint + " (connection refused)");
            } catch (SocketTimeoutException e) {
                failures.add(endpoint + " (no answer within " + timeout.toMillis() + " ms)");
            } catch (UnknownHostException e) {
                failures.add(endpoint + " (unknown host)");
            } catch (IOException | IllegalArgumentException e) {
                failures.add(endpoint + " (" + e.getMessage() + ")");
            }
        }
        throw PghaException.unavailable("no etcd endpoint answers: " + String.join(", ", failures)
                + ". Check the addresses and ports, and that etcd is running.");
    }
}
