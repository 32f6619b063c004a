package io.pgha.runtime.router;

import io.pgha.runtime.model.RouterBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** HAProxy's view of its servers, read from its stats page. */
public interface RouterStats {

    /** Every server of every listener, as HAProxy sees it now. */
    List<RouterBackend> backends();

    /** Each listener's servers with their status as HAProxy writes it ("UP", "UP 1/2", …): {@link HaproxyCsv#statusTexts}. */
    Map<String, Map<String, String>> statusTexts();

    /**
     * @param statsUrl the stats page, e.g. http://127.0.0.1:8404/ (";csv;norefresh" is added)
     */
    static RouterStats create(String statsUrl, Duration timeout) {
        return new HaproxyStatsClient(statsUrl, java.util.Optional.empty(), timeout);
    }

    /** @param authorization the value of the Authorization header the stats page wants, when it wants a login */
    static RouterStats create(String statsUrl, java.util.Optional<String> authorization, Duration timeout) {
        return new HaproxyStatsClient(statsUrl, authorization, timeout);
    }

    /**
     * {@link #create(String, java.util.Optional, Duration)} on the client of a cluster's certificate authority
     * ({@link io.pgha.runtime.http.HttpClients#forCa}): the one HTTP client its Patroni and etcd calls use too, so a
     * monitor builds one client (its selector thread, its executor) instead of two. A plain-http stats page is asked
     * the same way; an https one is verified against the cluster's CA, as its Patroni is.
     */
    static RouterStats create(
            String statsUrl,
            java.util.Optional<String> authorization,
            Duration timeout,
            java.util.Optional<String> caFile) {
        return new HaproxyStatsClient(statsUrl, authorization, timeout, io.pgha.runtime.http.HttpClients.forCa(caFile));
    }

    /**
     * The Authorization header for the stats page of a cluster pgha made (its stored router login); none for an
     * attached one, or when the credentials cannot be read.
     */
    static java.util.Optional<String> loginFor(String cluster) {
        try {
            return new io.pgha.runtime.cluster.CredentialStore()
                    .find(cluster)
                    .map(io.pgha.runtime.cluster.StackCredentials::router)
                    .map(l -> new io.pgha.runtime.cluster.RestApiCredentials(l.user(), l.password())
                            .basicAuthorization());
        } catch (io.pgha.runtime.PghaException unreadable) {
            return java.util.Optional.empty();
        }
    }
}
