package io.pgha.runtime.docker;

import com.github.dockerjava.api.model.PullResponseItem;
import io.pgha.runtime.PghaException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Turns Docker's per-layer pull messages into a few "pulling IMAGE: N%" lines. */
final class PullProgress {

    private final String image;
    private final Consumer<String> sink;
    private final Map<String, long[]> layers = new HashMap<>();
    private long lastReportNanos;
    private int lastPercent = -1;

    PullProgress(String image, Consumer<String> sink) {
        this.image = image;
        this.sink = sink;
    }

    synchronized void update(PullResponseItem item) {
        if (item.getErrorDetail() != null || item.getError() != null) {
            String message =
                    item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : item.getError();
            throw PghaException.unavailable("cannot pull image " + image + ": " + message, null);
        }
        if (item.getId() != null
                && item.getProgressDetail() != null
                && item.getProgressDetail().getTotal() != null
                && item.getProgressDetail().getCurrent() != null
                && "Downloading".equals(item.getStatus())) {
            layers.put(item.getId(), new long[] {
                item.getProgressDetail().getCurrent(), item.getProgressDetail().getTotal()
            });
        } else if (item.getId() != null
                && "Download complete".equals(item.getStatus())
                && layers.containsKey(item.getId())) {
            long[] l = layers.get(item.getId());
            l[0] = l[1];
        }
        long current = layers.values().stream().mapToLong(l -> l[0]).sum();
        long total = layers.values().stream().mapToLong(l -> l[1]).sum();
        int percent = total == 0 ? 0 : (int) (100 * current / total);
        long now = System.nanoTime();
        if (percent != lastPercent && (now - lastReportNanos > 1_000_000_000L || percent == 100)) {
            lastPercent = percent;
            lastReportNanos = now;
            sink.accept("pulling " + image + ": " + percent + "% of " + (total / (1024 * 1024)) + " MiB");
        }
    }
}
