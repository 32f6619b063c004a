package io.pgha.runtime.ops;

import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.LagRule;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.monitor.ByteSize;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which replica may become the leader, and which is best: Patroni's own rules (running, not tagged
 * nofailover, within maximum_lag_on_failover, a synchronous standby in synchronous mode), checked before
 * Patroni is asked so the user gets the reason instead of an HTTP 412. Pure functions.
 */
public final class Candidates {

    /** Patroni's default maximum_lag_on_failover (1 MiB). */
    static final long DEFAULT_MAXIMUM_LAG = LagRule.DEFAULT_MAXIMUM_LAG;

    /** A member that could take over, and why it cannot when it cannot. */
    public record Ranked(Member member, Optional<String> whyNot) {
        public boolean eligible() {
            return whyNot.isEmpty();
        }
    }

    private Candidates() {}

    /** Why the member cannot take over in a switchover from a running leader; empty when it can. */
    public static Optional<String> whyNotForSwitchover(ClusterSnapshot s, Member m) {
        if (s.leader().map(m.name()::equals).orElse(false)) {
            return Optional.of(m.name() + " is already the leader");
        }
        if (!m.isRunning()) {
            return Optional.of(m.name() + " is not running (state " + m.state() + ")");
        }
        if (!m.isStreaming()) {
            return Optional.of(m.name() + " is not streaming from the leader (state " + m.state() + ")");
        }
        return tagsAndLag(s, m, true).or(() -> syncRule(s, m));
    }

    /** Why the member cannot be promoted when there is no healthy leader; empty when it can. */
    public static Optional<String> whyNotForFailover(ClusterSnapshot s, Member m) {
        if (s.leader().map(m.name()::equals).orElse(false) && m.isRunning()) {
            return Optional.of(m.name() + " is already the leader");
        }
        if (!m.isRunning()) {
            return Optional.of(m.name() + " is not running (state " + m.state() + ")");
        }
        return tagsAndLag(s, m, false);
    }

    /** The best replica to switch over to: synchronous standbys first, then least lag, then failover_priority, then name. */
    public static Optional<Member> best(ClusterSnapshot s) {
        return s.members().stream()
                .filter(m -> whyNotForSwitchover(s, m).isEmpty())
                .min(preference(s));
    }

    /**
     * Every member but the leader as a switchover candidate, the one {@code pgha switchover} would pick first, then the
     * other eligible ones in the same order, then those that cannot, each with why not (the console's picker lists these).
     */
    public static List<Ranked> rank(ClusterSnapshot s) {
        return s.members().stream()
                .filter(m -> !s.leader().map(m.name()::equals).orElse(false))
                .map(m -> new Ranked(m, whyNotForSwitchover(s, m)))
                .sorted(Comparator.comparing((Ranked r) -> !r.eligible()).thenComparing(Ranked::member, preference(s)))
                .toList();
    }

    /** Synchronous standbys first, then least lag, then failover_priority, then name. */
    private static Comparator<Member> preference(ClusterSnapshot s) {
        return Comparator.<Member, Boolean>comparing(
                        m -> !s.sync().syncStandbys().contains(m.name()))
                .thenComparingLong(m -> m.lagBytes().orElse(Long.MAX_VALUE))
                .thenComparing(
                        Comparator.comparingLong(Candidates::failoverPriority).reversed())
                .thenComparing(Member::name);
    }

    /** Why no replica can take over, member by member. */
    public static List<String> reasonsNoneCan(ClusterSnapshot s) {
        return s.members().stream()
                .filter(m -> !s.leader().map(m.name()::equals).orElse(false))
                .map(m -> whyNotForSwitchover(s, m).orElse(m.name() + " could"))
                .toList();
    }

    static long maximumLag(ClusterSnapshot s) {
        return LagRule.maximumLag(s);
    }

    private static Optional<String> tagsAndLag(ClusterSnapshot s, Member m, boolean lagMustBeKnown) {
        if (m.noFailover()) {
            return Optional.of(m.name() + " is tagged nofailover");
        }
        if (failoverPriority(m) == 0) {
            return Optional.of(m.name() + " has failover_priority 0 (never promoted)");
        }
        long max = maximumLag(s);
        if (m.lagBytes().isEmpty()) {
            return lagMustBeKnown
                    ? Optional.of(m.name() + "'s replication lag is unknown, so it may miss transactions")
                    : Optional.empty();
        }
        if (m.lagBytes().getAsLong() > max) {
            return Optional.of(
                    m.name() + " lags " + ByteSize.format(m.lagBytes().getAsLong())
                            + " behind the leader, more than maximum_lag_on_failover (" + ByteSize.format(max) + ")");
        }
        return Optional.empty();
    }

    /** In synchronous mode only a synchronous standby has every acknowledged transaction. */
    private static Optional<String> syncRule(ClusterSnapshot s, Member m) {
        if (!s.sync().enabled() || s.sync().syncStandbys().contains(m.name())) {
            return Optional.empty();
        }
        return Optional.of(m.name() + " is not a synchronous standby, and in synchronous mode ("
                + s.sync().mode()
                + ") only "
                + (s.sync().syncStandbys().isEmpty()
                        ? "a synchronous standby"
                        : String.join(" or ", s.sync().syncStandbys()))
                + " has every acknowledged transaction");
    }

    /** Patroni's failover_priority tag (default 1; 0 means never). */
    private static long failoverPriority(Member m) {
        try {
            return Long.parseLong(
                    m.tags().getOrDefault("failover_priority", "1").strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
