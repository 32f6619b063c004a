package io.pgha.runtime.monitor;

import io.pgha.runtime.docker.StackContainer;
import io.pgha.runtime.http.HttpGet;
import io.pgha.runtime.model.HealthCheck;
import io.pgha.runtime.model.Source;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scrapes each postgres-exporter the stack publishes (found among its containers) and checks pg_up: an
 * exporter that answers with pg_up 0 is up but cannot reach its PostgreSQL.
 */
final class ExporterPoll {

    static final int EXPORTER_PORT = 9187;
    private static final Pattern PG_UP = Pattern.compile("(?m)^pg_up(?:\\{[^}]*})?\\s+([0-9.eE+-]+)\\s*$");

    private final Supplier<Reading<List<StackContainer>>> docker;
    private final Duration timeout;
    private final java.util.Optional<String> caFile;
    private final Clock clock;

    /** @param docker the Docker source's reading: the exporters are found among its containers */
    ExporterPoll(Supplier<Reading<List<StackContainer>>> docker, Duration timeout, Clock clock) {
        this(docker, java.util.Optional.empty(), timeout, clock);
    }

    /** @param caFile the cluster's CA: the exporters are asked with the client its other HTTP sources share */
    ExporterPoll(
            Supplier<Reading<List<StackContainer>>> docker,
            java.util.Optional<String> caFile,
            Duration timeout,
            Clock clock) {
        this.caFile = caFile;
        this.docker = docker;
        this.timeout = timeout;
        this.clock = clock;
    }

    Reading<List<HealthCheck>> poll(Reading<List<HealthCheck>> previous) {
        Reading<List<StackContainer>> containers = docker.get();
        if (!containers.answered()) {
            return Reading.pending(Source.EXPORTER, clock.instant());
        }
        List<StackContainer> exporters = containers.current().orElse(List.of()).stream()
                .filter(c -> "exporter".equals(c.info().role()))
                .toList();
        if (exporters.isEmpty()) {
            return Reading.notConfigured(Source.EXPORTER, "no exporter container found", clock.instant());
        }
        List<CompletableFuture<HealthCheck>> scrapes = new ArrayList<>();
        for (StackContainer c : exporters) {
            scrapes.add(scrape(c));
        }
        List<HealthCheck> checks = new ArrayList<>();
        for (CompletableFuture<HealthCheck> f : scrapes) {
            checks.add(f.join());
        }
        boolean anyAnswered = checks.stream().anyMatch(c -> c.status() != HealthCheck.Status.FAIL);
        return anyAnswered
                ? Reading.ok(Source.EXPORTER, checks, clock.instant())
                : Reading.degraded(
                        Source.EXPORTER, Optional.of(checks), false, "no exporter answered", clock.instant());
    }

    private CompletableFuture<HealthCheck> scrape(StackContainer c) {
        Instant at = clock.instant();
        Optional<StackContainer.HostPort> port = c.publishedPort(EXPORTER_PORT);
        if (port.isEmpty()) {
            return CompletableFuture.completedFuture(new HealthCheck(
                    HealthCheck.Kind.EXPORTER_SCRAPE,
                    c.name(),
                    c.info().running() ? HealthCheck.Status.UNKNOWN : HealthCheck.Status.FAIL,
                    Duration.ZERO,
                    at,
                    c.info().running()
                            ? "port " + EXPORTER_PORT + " is not published"
                            : "container is " + c.info().state()));
        }
        String url = port.get().url("http") + "/metrics";
        long start = System.nanoTime();
        return HttpGet.answer(url, caFile, timeout)
                .orTimeout(timeout.toMillis() + 200, TimeUnit.MILLISECONDS)
                .handle((r, e) -> {
                    Duration latency = Duration.ofNanos(System.nanoTime() - start);
                    if (e != null) {
                        return new HealthCheck(
                                HealthCheck.Kind.EXPORTER_SCRAPE,
                                c.name(),
                                HealthCheck.Status.FAIL,
                                latency,
                                at,
                                url + " did not answer (" + rootMessage(e) + ")");
                    }
                    return scraped(c.name(), url, r.status(), r.body(), latency, at);
                });
    }

    static HealthCheck scraped(String target, String url, int status, String body, Duration latency, Instant at) {
        if (status != 200) {
            return new HealthCheck(
                    HealthCheck.Kind.EXPORTER_SCRAPE,
                    target,
                    HealthCheck.Status.FAIL,
                    latency,
                    at,
                    url + " answered HTTP " + status);
        }
        Matcher m = PG_UP.matcher(body);
        if (!m.find()) {
            return new HealthCheck(
                    HealthCheck.Kind.EXPORTER_SCRAPE,
                    target,
                    HealthCheck.Status.WARN,
                    latency,
                    at,
                    "scraped, but no pg_up metric");
        }
        boolean up = Double.parseDouble(m.group(1)) >= 1;
        return new HealthCheck(
                HealthCheck.Kind.EXPORTER_SCRAPE,
                target,
                up ? HealthCheck.Status.PASS : HealthCheck.Status.WARN,
                latency,
                at,
                up ? "pg_up 1" : "pg_up 0: the exporter cannot reach its PostgreSQL");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
