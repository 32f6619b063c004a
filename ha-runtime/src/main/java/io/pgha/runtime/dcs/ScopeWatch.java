package io.pgha.runtime.dcs;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a copy of /service/&lt;scope&gt;/ current: reads it all, then watches from the next revision and
 * applies each change. Any error (member gone, no leader, compaction) ends the watch; it is re-read and
 * re-watched after a short pause. Everything runs on one named daemon thread, so changes apply in order.
 */
final class ScopeWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ScopeWatch.class);
    private static final Duration READ_DEADLINE = Duration.ofMillis(1500);
    /** The first read also pays for connecting and loading the client. */
    private static final Duration FIRST_READ_DEADLINE = Duration.ofSeconds(3);

    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    private final Client client;
    private final String scope;
    private final String prefix;
    private final Dcs.Listener listener;
    private final ScheduledExecutorService thread;
    private final Map<String, String> keys = new HashMap<>();
    private Watch.Watcher watcher;
    private long generation;
    private long revision;
    private volatile boolean closed;

    ScopeWatch(Client client, String scope, Dcs.Listener listener) {
        this.client = client;
        this.scope = scope;
        this.prefix = JetcdDcs.prefix(scope);
        this.listener = listener;
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("pgha-dcs-watch-" + scope).factory());
    }

    void start() {
        thread.execute(this::resync);
    }

    private void resync() {
        if (closed) {
            return;
        }
        stopWatcher();
        long gen = ++generation;
        try {
            DcsView view = JetcdDcs.readKeys(client, scope, gen == 1 ? FIRST_READ_DEADLINE : READ_DEADLINE);
            keys.clear();
            keys.putAll(view.keys());
            revision = view.revision();
            listener.onView(view);
            ByteSequence key = JetcdDcs.bytes(prefix);
            WatchOption option = WatchOption.builder()
                    .isPrefix(true)
                    .withRevision(revision + 1)
                    .withRequireLeader(true)
                    .withProgressNotify(true)
                    .build();
            watcher = client.getWatchClient()
                    .watch(
                            key,
                            option,
                            Watch.listener(
                                    response -> onThread(gen, () -> apply(response)),
                                    error -> onThread(
                                            gen,
                                            () -> broken(
                                                    error.getMessage() == null ? error.toString() : error.getMessage(),
                                                    error)),
                                    () -> onThread(gen, () -> broken("the watch ended", null))));
        } catch (RuntimeException e) {
            listener.onUnavailable(e.getMessage());
            retryLater();
        }
    }

    private void onThread(long gen, Runnable r) {
        if (closed) {
            return;
        }
        try {
            thread.execute(() -> {
                if (gen == generation && !closed) {
                    r.run();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // closing
        }
    }

    private void apply(WatchResponse response) {
        if (response.getEvents().isEmpty()) {
            return;
        }
        for (WatchEvent e : response.getEvents()) {
            String k = e.getKeyValue().getKey().toString(StandardCharsets.UTF_8);
            if (!k.startsWith(prefix)) {
                continue;
            }
            String rel = k.substring(prefix.length());
            if (e.getEventType() == WatchEvent.EventType.PUT) {
                keys.put(rel, e.getKeyValue().getValue().toString(StandardCharsets.UTF_8));
            } else if (e.getEventType() == WatchEvent.EventType.DELETE) {
                keys.remove(rel);
            }
            revision = Math.max(revision, e.getKeyValue().getModRevision());
        }
        listener.onView(DcsView.parse(scope, revision, keys));
    }

    private void broken(String reason, Throwable error) {
        LOG.debug("watch on {} broken: {}", prefix, reason, error);
        String why = error == null
                ? reason
                : EtcdErrors.translate("watching " + prefix, error).getMessage();
        listener.onUnavailable(why);
        stopWatcher();
        generation++;
        retryLater();
    }

    private void retryLater() {
        if (!closed) {
            thread.schedule(this::resync, RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void stopWatcher() {
        if (watcher != null) {
            try {
                watcher.close();
            } catch (RuntimeException ignored) {
                // already broken
            }
            watcher = null;
        }
    }

    void close() {
        closed = true;
        try {
            thread.submit(this::stopWatcher).get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the thread is stuck or already gone; shut it down anyway
        }
        thread.shutdownNow();
    }
}
