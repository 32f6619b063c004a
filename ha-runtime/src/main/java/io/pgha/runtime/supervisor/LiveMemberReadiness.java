package io.pgha.runtime.supervisor;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.http.HttpClients;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.patroni.PatroniClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link MemberReadiness} over the kept-open PostgreSQL connections, when there is a login, and Patroni's /patroni. */
final class LiveMemberReadiness implements MemberReadiness {

    private static final Duration PATRONI_CALL = Duration.ofMillis(500);

    private final Optional<MemberConnections> postgres;
    private final int patroniPort;
    private final Optional<String> caFile;
    private final Map<String, PatroniClient> patroni = new ConcurrentHashMap<>();

    /** @param caFile the cluster CA's certificate: Patroni's REST API is HTTPS, verified against it */
    LiveMemberReadiness(Optional<MemberConnections> postgres, int patroniPort, Optional<String> caFile) {
        this.postgres = postgres;
        this.patroniPort = patroniPort;
        this.caFile = caFile;
    }

    @Override
    public Optional<Boolean> postgresAcceptsWrites(String member) {
        return postgres.flatMap(p -> p.acceptsWrites(member));
    }

    @Override
    public boolean patroniSaysPrimary(String member) {
        PatroniClient client = patroni.computeIfAbsent(
                member,
                m -> PatroniClient.create(
                        HttpClients.fastConnect(caFile),
                        (caFile.isPresent() ? "https://" : "http://") + m + ":" + patroniPort,
                        PATRONI_CALL));
        try {
            return client.node().role() == Role.LEADER;
        } catch (PghaException e) {
            return false; // not answering yet
        }
    }
}
