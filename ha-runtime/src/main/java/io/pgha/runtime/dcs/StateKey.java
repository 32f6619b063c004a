package io.pgha.runtime.dcs;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.PutOption;
import io.pgha.runtime.PghaException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A key that exists only while its writer is alive: each write attaches a short lease, so when the writer
 * dies the key expires. The supervisor publishes its heartbeat and last action this way.
 */
public final class StateKey {

    private final Client client;
    private final ByteSequence key;
    private final Duration ttl;
    private final Duration timeout;

    StateKey(Client client, String key, Duration ttl, Duration timeout) {
        this.client = client;
        this.key = ByteSequence.from(key, StandardCharsets.UTF_8);
        this.ttl = ttl;
        this.timeout = timeout;
    }

    public void publish(String value) {
        try {
            long lease = client.getLeaseClient()
                    .grant(ttl.toSeconds())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .getID();
            client.getKVClient()
                    .put(
                            key,
                            ByteSequence.from(value, StandardCharsets.UTF_8),
                            PutOption.builder().withLeaseId(lease).build())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PghaException.unavailable("interrupted while writing " + key, e);
        } catch (Exception e) {
            throw EtcdErrors.security("writing " + key, e)
                    .orElseGet(
                            () -> PghaException.unavailable("cannot write " + key + " to etcd: " + e.getMessage(), e));
        }
    }

    public Optional<String> read() {
        try {
            return client.getKVClient().get(key).get(timeout.toMillis(), TimeUnit.MILLISECONDS).getKvs().stream()
                    .findFirst()
                    .map(kv -> kv.getValue().toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PghaException.unavailable("interrupted while reading " + key, e);
        } catch (Exception e) {
            throw PghaException.unavailable("cannot read " + key + " from etcd: " + e.getMessage(), e);
        }
    }
}
