package io.pgha.runtime.model;

/**
 * The one lag rule: a replica further behind the leader than the cluster's maximum_lag_on_failover (Patroni's own limit,
 * 1 MiB by default) cannot be promoted, is drawn in alarm and raises a lag event.
 */
public final class LagRule {

    /** Patroni's default maximum_lag_on_failover. */
    public static final long DEFAULT_MAXIMUM_LAG = 1024 * 1024;

    private LagRule() {}

    /** The cluster's maximum_lag_on_failover from its dynamic configuration, else Patroni's default. */
    public static long maximumLag(ClusterSnapshot snapshot) {
        Object configured = snapshot.dynamicConfig().get("maximum_lag_on_failover");
        if (configured instanceof Number n && n.longValue() > 0) {
            return n.longValue();
        }
        if (configured instanceof String text) {
            try {
                long parsed = Long.parseLong(text.strip());
                return parsed > 0 ? parsed : DEFAULT_MAXIMUM_LAG;
            } catch (NumberFormatException e) {
                return DEFAULT_MAXIMUM_LAG;
            }
        }
        return DEFAULT_MAXIMUM_LAG;
    }

    public static boolean tooFarBehind(ClusterSnapshot snapshot, Member m) {
        return m.lagBytes().isPresent() && m.lagBytes().getAsLong() > maximumLag(snapshot);
    }
}
