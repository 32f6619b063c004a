package io.pgha.runtime.dcs;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Patroni's DCS on etcd (v3 API): reads and watches a scope's keys and checks the etcd members.
 * Every call has a deadline, so a dead or quorum-less etcd makes calls fail fast instead of hanging.
 */
public interface Dcs extends AutoCloseable {

    /** A client for these endpoints; no connection is made until the first call. */
    static Dcs connect(List<String> endpoints, Optional<EtcdAuth> auth) {
        return new JetcdDcs(endpoints, auth);
    }

    /**
     * A client for a cluster's etcd with its credentials and TLS files; the cluster's CA file stands for etcd's when
     * none was given for etcd alone.
     */
    static Dcs connect(ClusterConnection connection) {
        return new JetcdDcs(connection.etcdEndpoints(), EtcdClients.authOf(connection));
    }

    /** A client for etcd's endpoints, its own settings, and the cluster's CA when etcd was given none of its own. */
    static Dcs connect(List<String> endpoints, Optional<EtcdAuth> auth, Optional<String> clusterCa) {
        return new JetcdDcs(endpoints, EtcdClients.withClusterCa(auth, clusterCa));
    }

    /** The scopes that have keys under /service/ (to help someone who guessed the scope wrong). */
    java.util.List<String> scopes(Duration deadline);

    /** Loads the etcd client's classes (gRPC, Vert.x, Netty) without connecting anywhere. */
    static void warmUp() {
        EtcdClients.create(List.of("http://127.0.0.1:2379"), Optional.empty(), Duration.ofSeconds(1), false)
                .close();
    }

    /**
     * Removes every key under /service/&lt;scope&gt;/ (Patroni's cluster: initialize, leader, members, config, history,
     * status), as {@code patronictl remove} does, for an in-place restore (docs/decisions/0025) whose nodes are all
     * stopped; returns how many keys went.
     */
    default long removeScope(String scope, Duration deadline) {
        throw new UnsupportedOperationException("this DCS client cannot remove a scope");
    }

    /** Every key under /service/&lt;scope&gt;/ once. */
    DcsView read(String scope, Duration deadline);

    /**
     * Watches /service/&lt;scope&gt;/: the listener gets the whole view at once and after every change, and
     * {@link Listener#onUnavailable} when etcd cannot be read (then the watch re-syncs by itself).
     * Calls come from one thread per watch, in order.
     */
    Subscription watch(String scope, Listener listener);

    /** The etcd members with their health, raft leader, term, DB size and alarms, each endpoint asked with the deadline. */
    EtcdClusterStatus status(Duration deadline);

    @Override
    void close();

    interface Listener {
        void onView(DcsView view);

        void onUnavailable(String reason);
    }

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
