package io.pgha.runtime.ops;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.monitor.ClusterMonitor;
import io.pgha.runtime.patroni.PatroniActions;
import io.pgha.runtime.patroni.PatroniNode;
import io.pgha.runtime.patroni.PatroniReply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** What every execution uses: the snapshots, the members' REST URLs, the backends, and waiting for an outcome. */
final class OperationContext {

    private final ClusterMonitor monitor;
    private final Backends backends;
    private final OperationSettings settings;
    private final Clock clock;

    OperationContext(ClusterMonitor monitor, Backends backends, OperationSettings settings, Clock clock) {
        this.monitor = monitor;
        this.backends = backends;
        this.settings = settings;
        this.clock = clock;
    }

    ClusterSnapshot snapshot() {
        return monitor.current();
    }

    Backends backends() {
        return backends;
    }

    OperationSettings settings() {
        return settings;
    }

    Instant now() {
        return clock.instant();
    }

    /** The member's REST base URL as reachable from here: the connection's, else the one it advertises. */
    String url(String member) {
        ClusterConnection c = monitor.connection();
        String known = c.patroniUrls().get(member);
        if (known != null) {
            return known;
        }
        return snapshot()
                .member(member)
                .map(Member::apiUrl)
                .filter(u -> !u.isBlank())
                .map(u -> u.replaceFirst("/patroni/?$", ""))
                .orElseThrow(() -> PghaException.unavailable(
                        "pgha knows no REST API URL for " + member + ": attach the cluster again with --patroni "
                                + member + "=URL",
                        null));
    }

    PatroniActions actions(String member) {
        return backends.actions(url(member));
    }

    /** The member's own view of itself (GET /patroni), or empty while it does not answer. */
    Optional<PatroniNode> node(String member) {
        try {
            return Optional.of(backends.reader(url(member)).node());
        } catch (PghaException e) {
            return Optional.empty();
        }
    }

    /**
     * Sends a cluster-wide call (PATCH /config …) to the leader, or to the next member that answers; a
     * refusal by Patroni or a missing credential is not retried elsewhere.
     */
    PatroniReply onAnyMember(Function<PatroniActions, PatroniReply> call) {
        ClusterSnapshot s = snapshot();
        List<String> order = new ArrayList<>();
        s.leader().ifPresent(order::add);
        s.members().stream().map(Member::name).filter(n -> !order.contains(n)).forEach(order::add);
        monitor.connection().patroniUrls().keySet().stream()
                .sorted()
                .filter(n -> !order.contains(n))
                .forEach(order::add);
        PghaException last = PghaException.unavailable("no member of the cluster is known", null);
        for (String member : order) {
            try {
                return call.apply(actions(member));
            } catch (PghaException e) {
                if (e.kind() != PghaException.Kind.UNAVAILABLE && e.kind() != PghaException.Kind.TIMEOUT) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /**
     * Polls until the probe sees the outcome; a probe that throws counts as "not yet". Gives up at the
     * deadline with the last thing seen, so the message says where the cluster got stuck.
     */
    <T> T await(String outcome, Deadline deadline, Supplier<Optional<T>> probe, Supplier<String> lastSeen) {
        while (true) {
            try {
                Optional<T> seen = probe.get();
                if (seen.isPresent()) {
                    return seen.get();
                }
            } catch (PghaException e) {
                // not yet: the member is restarting, or a source is between answers
            }
            if (deadline.passed(now())) {
                throw new Done.NotConfirmed(outcome + " was not seen within "
                        + deadline.timeout().toSeconds() + " s; last seen: " + lastSeen.get());
            }
            sleep(settings.pollInterval());
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PghaException.unavailable("interrupted while waiting for the outcome", e);
        }
    }

    /** Patroni's answer when it accepted the call; otherwise the PghaException that says what Patroni said. */
    static PatroniReply accepted(PatroniReply r, String what) {
        if (r.ok()) {
            return r;
        }
        String said = "Patroni answered HTTP " + r.status() + (r.message().isEmpty() ? "" : " \"" + r.message() + "\"")
                + " to the " + what;
        throw switch (r.status()) {
            case 400, 409, 412, 422 -> new PghaException(PghaException.Kind.CONFLICT, said);
            case 404 -> new PghaException(PghaException.Kind.NOT_FOUND, said);
            default -> new PghaException(PghaException.Kind.UNAVAILABLE, said);
        };
    }
}
