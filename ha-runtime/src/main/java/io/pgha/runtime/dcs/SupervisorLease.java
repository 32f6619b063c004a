package io.pgha.runtime.dcs;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.pgha.runtime.PghaException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Leadership among supervisors (docs/decisions/0035): one key, /pgha/&lt;scope&gt;/supervisor, bound to the holder's
 * lease. A supervisor takes it only when it does not exist (a transaction on its create revision being 0), keeps its
 * lease alive, and writes its heartbeat to it only while the key is still the one it created; when the holder dies the
 * lease expires, etcd deletes the key, and a standby that watches it takes it. The key's create revision names one
 * tenure: it is the fencing token the leader's compare-and-delete of Patroni's leader key is made on.
 */
public final class SupervisorLease {

    /** One tenure: the revision at which this holder created the key, and the lease it is bound to. */
    public record Tenure(long createRevision, long leaseId) {}

    private final Client client;
    private final ByteSequence key;
    private final Duration ttl;
    private final Duration timeout;

    SupervisorLease(Client client, String key, Duration ttl, Duration timeout) {
        this.client = client;
        this.key = bytes(key);
        this.ttl = ttl;
        this.timeout = timeout;
    }

    public String path() {
        return key.toString(StandardCharsets.UTF_8);
    }

    /**
     * Whether some supervisor holds the key now, the etcd revision of that answer, and the lease the key is bound to
     * (0 when nobody holds it): a supervisor recognises its own lost lease by it.
     */
    public record Seen(boolean held, long revision, long leaseId) {}

    public Seen read() {
        GetResponse r = await(client.getKVClient().get(key, GetOption.DEFAULT), "read " + path());
        long lease = r.getKvs().stream().findFirst().map(KeyValue::getLease).orElse(0L);
        return new Seen(!r.getKvs().isEmpty(), r.getHeader().getRevision(), lease);
    }

    /**
     * Takes the key with {@code value} if nobody holds it: a new lease of the TTL, then one transaction that creates
     * the key bound to it only while the key does not exist. The lease is revoked when another supervisor was first.
     */
    public Optional<Tenure> campaign(String value) {
        long lease = await(client.getLeaseClient().grant(ttl.toSeconds()), "grant a lease for " + path())
                .getID();
        TxnResponse r = await(
                client.getKVClient()
                        .txn()
                        .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                        .Then(Op.put(key, bytes(value), withLease(lease)))
                        .commit(),
                "take " + path());
        if (r.isSucceeded()) {
            return Optional.of(new Tenure(r.getHeader().getRevision(), lease));
        }
        revokeQuietly(lease);
        return Optional.empty();
    }

    /**
     * Keeps the tenure's lease alive once, then checks that the key is still the one this tenure created, bound to its
     * lease; false when etcd no longer has the lease (expired or revoked) or the key is another's (deleted by hand and
     * taken again, or written by hand under another lease).
     */
    public boolean renew(Tenure tenure) {
        try {
            boolean alive =
                    await(client.getLeaseClient().keepAliveOnce(tenure.leaseId()), "renew the lease of " + path())
                                    .getTTL()
                            > 0;
            if (!alive) {
                return false;
            }
            GetResponse r = await(client.getKVClient().get(key, GetOption.DEFAULT), "read " + path());
            return r.getKvs().stream()
                    .anyMatch(kv ->
                            kv.getCreateRevision() == tenure.createRevision() && kv.getLease() == tenure.leaseId());
        } catch (PghaException e) {
            if (String.valueOf(e.getMessage()).contains("lease not found")) {
                return false; // expired or revoked: etcd said so, this is no failure to reach it
            }
            throw e;
        }
    }

    /** Writes {@code value} to the key while it is still the one this tenure created; false when it is not. */
    public boolean publish(Tenure tenure, String value) {
        return await(
                        client.getKVClient()
                                .txn()
                                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(tenure.createRevision())))
                                .Then(Op.put(key, bytes(value), withLease(tenure.leaseId())))
                                .commit(),
                        "write " + path())
                .isSucceeded();
    }

    /** Gives the key up at once (its lease revoked), so that a standby need not wait for the TTL. */
    public void resign(Tenure tenure) {
        await(client.getLeaseClient().revoke(tenure.leaseId()), "revoke the lease of " + path());
    }

    /** Calls {@code onReleased} whenever the key is deleted after {@code afterRevision} (expired or given up). */
    public LeaderKey.Subscription watchReleased(long afterRevision, Runnable onReleased, Consumer<Throwable> onError) {
        WatchOption option = WatchOption.builder()
                .withRevision(afterRevision + 1)
                .withNoPut(true)
                .build();
        Watch.Watcher watcher = client.getWatchClient()
                .watch(
                        key,
                        option,
                        Watch.listener(
                                response -> {
                                    for (WatchEvent e : response.getEvents()) {
                                        if (e.getEventType() == WatchEvent.EventType.DELETE) {
                                            onReleased.run();
                                        }
                                    }
                                },
                                onError));
        return watcher::close;
    }

    /** The key's value now, if it exists. */
    public Optional<String> value() {
        GetResponse r = await(client.getKVClient().get(key, GetOption.DEFAULT), "read " + path());
        return r.getKvs().stream().findFirst().map(KeyValue::getValue).map(v -> v.toString(StandardCharsets.UTF_8));
    }

    private void revokeQuietly(long lease) {
        try {
            client.getLeaseClient().revoke(lease).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // it expires with its TTL
        }
    }

    private static PutOption withLease(long lease) {
        return PutOption.builder().withLeaseId(lease).build();
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PghaException.unavailable("interrupted during " + what, e);
        } catch (ExecutionException e) {
            future.cancel(true);
            Optional<PghaException> security = EtcdErrors.security(what, e);
            if (security.isPresent()) {
                throw security.get();
            }
            throw PghaException.unavailable(
                    "etcd did not " + what + ": "
                            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
                    e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw PghaException.unavailable(
                    "etcd did not answer to " + what + " within " + timeout.toMillis() + " ms", e);
        }
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
