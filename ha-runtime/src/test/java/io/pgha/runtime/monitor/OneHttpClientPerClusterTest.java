package io.pgha.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.pgha.runtime.http.HttpGet;
import io.pgha.runtime.patroni.PatroniClient;
import io.pgha.runtime.pki.CertificateRequest;
import io.pgha.runtime.pki.ClusterPki;
import io.pgha.runtime.pki.IssuedCertificate;
import io.pgha.runtime.prometheus.PrometheusClient;
import io.pgha.runtime.router.RouterStats;
import io.pgha.runtime.testsupport.ServerTls;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/decisions/0058, point 3: the HTTP callers of one cluster's monitor — Patroni, the router's stats, the exporters
 * and Prometheus — ask through one {@code java.net.http.HttpClient}, the one of the cluster's CA, so an open console
 * has one selector thread, one executor and one TLS context for them. Each {@code HttpClient} starts its own selector
 * thread when it is built, so the new selector threads count the clients built; the answer through an https server
 * signed by the cluster's CA shows that the one client verifies against that CA.
 */
class OneHttpClientPerClusterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void patroniTheRouterTheExportersAndPrometheusOfAClusterShareOneClient() throws Exception {
        ClusterPki pki = new ClusterPki(dir.resolve("pki"), "one-client", Clock.systemUTC());
        IssuedCertificate served =
                pki.ensure(new CertificateRequest("exporter", List.of("localhost"), List.of("127.0.0.1")));
        Optional<String> ca = Optional.of(pki.caFile().toString());
        Set<String> asked = java.util.concurrent.ConcurrentHashMap.newKeySet();
        HttpsServer server = https(served, asked);
        try {
            String url = "https://127.0.0.1:" + server.getAddress().getPort();
            Set<String> before = selectorThreads();

            PatroniClient.create(url, ca, TIMEOUT).liveness();
            tryIgnoringTheAnswer(() -> RouterStats.create(url + "/stats", Optional.empty(), TIMEOUT, ca)
                    .backends());
            tryIgnoringTheAnswer(() -> new PrometheusClient(url, TIMEOUT, ca).ready());
            Optional<String> metrics = HttpGet.okBody(url + "/metrics", ca, TIMEOUT);
            HttpGet.answer(url + "/exporter", ca, TIMEOUT).get();

            assertThat(metrics).hasValue("pg_up 1\n");
            assertThat(asked)
                    .as("every caller reached the server signed by the cluster's CA (a client without it cannot)")
                    .contains("/liveness", "/stats", "/-/ready", "/metrics", "/exporter");
            Set<String> built = selectorThreads();
            built.removeAll(before);
            assertThat(built)
                    .as("HttpClient selector threads started for one cluster's callers")
                    .hasSize(1);
        } finally {
            server.stop(0);
        }
    }

    private static Set<String> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(n -> n.matches("HttpClient-\\d+-SelectorManager"))
                .collect(Collectors.toSet());
    }

    /** The callers' parsing of the stub's answer does not matter here, only that the request reached the server. */
    private static void tryIgnoringTheAnswer(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException notTheirFormat) {
            // the stub answers every path with the same text
        }
    }

    private static HttpsServer https(IssuedCertificate served, Set<String> asked) throws Exception {
        SSLContext tls = ServerTls.presenting(served);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            asked.add(exchange.getRequestURI().getPath().split(";")[0]);
            byte[] body = "pg_up 1\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
