package io.pgha.runtime.ops;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a user asks {@link ClusterOperations} to do. Every request names its operation, its target and its
 * parameters as text, which is what the audit journal records (requests hold no secrets).
 */
public sealed interface OperationRequest {

    /** The operation's name in messages and in the audit journal: "switchover", "restart", … */
    String operation();

    /** The member it is about as asked ("cluster" when it is about the whole cluster, "best candidate" when pgha chooses). */
    String target();

    /** The request's parameters as text, for the audit journal. */
    Map<String, String> parameters();

    /** Whether the user confirmed it (switchovers, restarts of the leader and weakening configuration changes need that). */
    default boolean confirmed() {
        return false;
    }

    /** The same request, confirmed by the user once they have seen the plan's warnings. */
    default OperationRequest confirm() {
        return this;
    }

    /** A request about the whole cluster, without parameters. */
    sealed interface WholeCluster extends OperationRequest permits CancelSwitchover, Pause, Resume {
        @Override
        default String target() {
            return "cluster";
        }

        @Override
        default Map<String, String> parameters() {
            return Map.of();
        }
    }

    /**
     * Planned change of leader: the leader hands over to the candidate (or to the best one), now or at a time.
     * Writes stop for a moment, so it needs a confirmation.
     *
     * @param candidate      the replica to promote; empty lets pgha choose the best one
     * @param at             when Patroni should do it; empty means now
     * @param expectedLeader the leader the user saw; refused when another one leads by now
     */
    record Switchover(
            Optional<String> candidate, Optional<Instant> at, Optional<String> expectedLeader, boolean confirmed)
            implements OperationRequest {
        public Switchover {
            Objects.requireNonNull(candidate, "candidate");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(expectedLeader, "expectedLeader");
        }

        /** A switchover to this replica, now, confirmed. */
        public static Switchover to(String candidate) {
            return new Switchover(Optional.of(candidate), Optional.empty(), Optional.empty(), true);
        }

        @Override
        public Switchover confirm() {
            return new Switchover(candidate, at, expectedLeader, true);
        }

        @Override
        public String operation() {
            return "switchover";
        }

        @Override
        public String target() {
            return candidate.orElse("best candidate");
        }

        @Override
        public Map<String, String> parameters() {
            Map<String, String> p = new LinkedHashMap<>();
            candidate.ifPresent(c -> p.put("candidate", c));
            at.ifPresent(t -> p.put("at", t.toString()));
            expectedLeader.ifPresent(l -> p.put("expectedLeader", l));
            p.put("confirmed", Boolean.toString(confirmed));
            return p;
        }
    }

    /** Removes a scheduled switchover. */
    record CancelSwitchover() implements WholeCluster {
        @Override
        public String operation() {
            return "cancel-switchover";
        }
    }

    /** Promotes the candidate when the cluster has no healthy leader (Patroni's /failover). */
    record Failover(String candidate) implements OperationRequest {
        public Failover {
            Objects.requireNonNull(candidate, "candidate");
        }

        @Override
        public String operation() {
            return "failover";
        }

        @Override
        public String target() {
            return candidate;
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of("candidate", candidate);
        }
    }

    /** Restarts a member's PostgreSQL (through Patroni) or its whole container (through Docker). */
    record Restart(String member, RestartKind kind, boolean onlyIfPendingRestart, boolean confirmed)
            implements OperationRequest {
        public Restart {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(kind, "kind");
        }

        /** A PostgreSQL restart, not yet confirmed: {@link #confirm()} it once the user has seen the plan's warnings. */
        public static Restart postgres(String member) {
            return new Restart(member, RestartKind.POSTGRES, false, false);
        }

        /** A container restart, not yet confirmed. */
        public static Restart container(String member) {
            return new Restart(member, RestartKind.CONTAINER, false, false);
        }

        @Override
        public Restart confirm() {
            return new Restart(member, kind, onlyIfPendingRestart, true);
        }

        @Override
        public String operation() {
            return kind == RestartKind.CONTAINER ? "restart-container" : "restart";
        }

        @Override
        public String target() {
            return member;
        }

        @Override
        public Map<String, String> parameters() {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
            p.put("onlyIfPendingRestart", Boolean.toString(onlyIfPendingRestart));
            p.put("confirmed", Boolean.toString(confirmed));
            return p;
        }
    }

    /** What a restart restarts. */
    enum RestartKind {
        /** PostgreSQL inside the member, through Patroni's POST /restart; the container and Patroni keep running. */
        POSTGRES,
        /** The member's Docker container: Patroni and PostgreSQL stop and start again. */
        CONTAINER
    }

    /** Removes a replica's data directory and clones it again from the leader (Patroni's /reinitialize). */
    record Reinitialize(String member) implements OperationRequest {
        public Reinitialize {
            Objects.requireNonNull(member, "member");
        }

        @Override
        public String operation() {
            return "reinitialize";
        }

        @Override
        public String target() {
            return member;
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of();
        }
    }

    /** Maintenance mode: Patroni stops failing over and stops managing PostgreSQL. */
    record Pause() implements WholeCluster {
        @Override
        public String operation() {
            return "pause";
        }
    }

    /** Ends maintenance mode. */
    record Resume() implements WholeCluster {
        @Override
        public String operation() {
            return "resume";
        }
    }

    /**
     * Changes Patroni's dynamic configuration.
     *
     * @param changes   dotted keys ({@code ttl}, {@code postgresql.parameters.max_connections}) to their new values as
     *                  text; an empty value removes the key
     * @param confirmed whether the user confirmed it: a change that weakens durability or security
     *                  ({@link ConfigWeakening}) is refused without
     */
    record ChangeConfig(Map<String, String> changes, boolean confirmed) implements OperationRequest {
        public ChangeConfig {
            changes = Map.copyOf(changes);
        }

        /** A change, not yet confirmed. */
        public ChangeConfig(Map<String, String> changes) {
            this(changes, false);
        }

        @Override
        public ChangeConfig confirm() {
            return new ChangeConfig(changes, true);
        }

        @Override
        public String operation() {
            return "config";
        }

        @Override
        public String target() {
            return "cluster";
        }

        @Override
        public Map<String, String> parameters() {
            Map<String, String> p = new TreeMap<>();
            changes.forEach((k, v) -> p.put(k, AuditEntry.looksSecret(k) ? "***" : v));
            if (confirmed) {
                p.put("confirmed", "true");
            }
            return p;
        }
    }
}
