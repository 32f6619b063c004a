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
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.pgha.runtime.PghaException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Patroni's leader key, /service/&lt;scope&gt;/leader: whose it is, when it changes, and the one write
 * pgha ever makes to it — deleting it while it still names a member whose container is gone, so the
 * replicas elect a new leader at once instead of waiting out the TTL.
 */
public final class LeaderKey {

    /**
     * Who holds the key, the etcd revision at which that was seen, and the key's own mod revision (the revision of
     * its last write; 0 while nobody holds it). Patroni rewrites the key whenever it takes it anew, so a mod revision
     * names one tenure: a member whose container restarted and took the key again holds it at a newer one.
     */
    public record Holder(Optional<String> member, long revision, long modRevision) {}

    private final Client client;
    private final ByteSequence key;
    private final Duration timeout;

    /** Stops a watch. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    LeaderKey(Client client, String namespace, String scope, Duration timeout) {
        this.client = client;
        String ns = namespace.endsWith("/") ? namespace : namespace + "/";
        this.key = bytes(ns + scope + "/leader");
        this.timeout = timeout;
    }

    public String path() {
        return key.toString(StandardCharsets.UTF_8);
    }

    public Holder read() {
        return holder(readKey());
    }

    private GetResponse readKey() {
        return await(client.getKVClient().get(key, GetOption.DEFAULT), "read " + path());
    }

    private static Holder holder(GetResponse r) {
        Optional<KeyValue> kv = r.getKvs().stream().findFirst();
        return new Holder(
                kv.map(k -> k.getValue().toString(StandardCharsets.UTF_8)),
                r.getHeader().getRevision(),
                kv.map(KeyValue::getModRevision).orElse(0L));
    }

    /**
     * The key, and for how long its holder has not renewed the lease the key is bound to: the lease's granted TTL
     * minus what is left of it (Patroni on etcd v3 renews its leader key by keeping its lease alive, which does not
     * write the key). Empty when nobody holds the key or the lease is gone.
     */
    public record Renewal(Holder key, Optional<Duration> unrenewedFor) {}

    /** {@link Renewal} now: the key, then its lease's time to live (two calls; the lease read after the key). */
    public Renewal readRenewal() {
        GetResponse r = readKey();
        Optional<KeyValue> kv = r.getKvs().stream().findFirst();
        Holder holder = holder(r);
        if (kv.isEmpty() || kv.get().getLease() == 0) {
            return new Renewal(holder, Optional.empty());
        }
        io.etcd.jetcd.lease.LeaseTimeToLiveResponse ttl = await(
                client.getLeaseClient().timeToLive(kv.get().getLease(), io.etcd.jetcd.options.LeaseOption.DEFAULT),
                "read the lease of " + path());
        if (ttl.getTTL() <= 0 || ttl.getGrantedTTL() <= 0) {
            return new Renewal(holder, Optional.empty()); // expired or revoked: the key goes with it
        }
        return new Renewal(holder, Optional.of(Duration.ofSeconds(ttl.getGrantedTTL() - ttl.getTTL())));
    }

    /**
     * Deletes the key only if it still names {@code member} and has not been written since {@code modRevision}
     * (compare-and-delete in one transaction, on the value and on the mod revision): a key the same member took
     * again meanwhile, e.g. after its container restarted, is a new tenure and stays.
     *
     * @param modRevision the key's mod revision when it was read ({@link Holder#modRevision()})
     * @return true if this call deleted it
     */
    public boolean deleteIfHeldBy(String member, long modRevision) {
        return deleteIfHeldBy(member, modRevision, Optional.empty());
    }

    /**
     * A fence on the deleter's own tenure: the delete happens only while {@code key} is still the one created at
     * {@code createRevision} (the supervisors' leadership key, docs/decisions/0035), so a supervisor whose lease
     * expired between its decision and its delete deletes nothing.
     */
    public record Fence(String key, long createRevision) {}

    /**
     * {@link #deleteIfHeldBy(String, long)}, in the same transaction as the comparison of {@code fence}, when given.
     *
     * @return true if this call deleted it; false when the key changed or the fence no longer holds
     */
    public boolean deleteIfHeldBy(String member, long modRevision, Optional<Fence> fence) {
        java.util.List<Cmp> conditions = new java.util.ArrayList<>(java.util.List.of(
                new Cmp(key, Cmp.Op.EQUAL, CmpTarget.value(bytes(member))),
                new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(modRevision))));
        fence.ifPresent(f ->
                conditions.add(new Cmp(bytes(f.key()), Cmp.Op.EQUAL, CmpTarget.createRevision(f.createRevision()))));
        TxnResponse r = await(
                client.getKVClient()
                        .txn()
                        .If(conditions.toArray(Cmp[]::new))
                        .Then(Op.delete(key, DeleteOption.DEFAULT))
                        .commit(),
                "compare-and-delete " + path());
        return r.isSucceeded();
    }

    /**
     * Calls {@code onChange} with the holder after every change of the key, starting after {@code afterRevision}.
     * {@code onError} gets watch failures (etcd unreachable); the caller decides whether to re-watch.
     */
    public Subscription watch(long afterRevision, Consumer<Holder> onChange, Consumer<Throwable> onError) {
        WatchOption option =
                WatchOption.builder().withRevision(afterRevision + 1).build();
        Watch.Watcher watcher = client.getWatchClient()
                .watch(
                        key,
                        option,
                        Watch.listener(
                                response -> {
                                    for (WatchEvent e : response.getEvents()) {
                                        KeyValue kv = e.getKeyValue();
                                        boolean put = e.getEventType() == WatchEvent.EventType.PUT;
                                        Optional<String> holder = put
                                                ? Optional.of(kv.getValue().toString(StandardCharsets.UTF_8))
                                                : Optional.empty();
                                        onChange.accept(new Holder(
                                                holder, kv.getModRevision(), put ? kv.getModRevision() : 0L));
                                    }
                                },
                                onError));
        return watcher::close;
    }

    private <T> T await(java.util.concurrent.CompletableFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PghaException.unavailable("interrupted during " + what, e);
        } catch (ExecutionException e) {
            future.cancel(true);
            java.util.Optional<PghaException> security = EtcdErrors.security(what, e);
            if (security.isPresent()) {
                throw security.get();
            }
            throw unavailable(what, e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw unavailable(what, e);
        }
    }

    private PghaException unavailable(String what, Exception e) {
        return PghaException.unavailable(
                "etcd did not answer to " + what + " within " + timeout.toMillis() + " ms ("
                        + (e.getCause() != null
                                ? e.getCause().getMessage()
                                : e.getClass().getSimpleName())
                        + "); check that a majority of the etcd members is up",
                e);
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
