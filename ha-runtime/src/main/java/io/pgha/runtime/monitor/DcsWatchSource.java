package io.pgha.runtime.monitor;

import io.pgha.runtime.dcs.Dcs;
import io.pgha.runtime.dcs.DcsView;
import io.pgha.runtime.model.Source;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiConsumer;

/** The pushed source: the etcd watch on the scope, turned into {@link Reading}s. */
final class DcsWatchSource implements Dcs.Listener {

    private final String scope;
    private final Clock clock;
    private final BiConsumer<Optional<DcsView>, DcsView> onChange;
    private final Runnable onUnavailable;
    private volatile Reading<DcsView> reading;

    /**
     * @param onChange called with the previous view (if any) and the new one, after the reading is updated
     */
    DcsWatchSource(String scope, Clock clock, BiConsumer<Optional<DcsView>, DcsView> onChange, Runnable onUnavailable) {
        this.scope = scope;
        this.clock = clock;
        this.onChange = onChange;
        this.onUnavailable = onUnavailable;
        this.reading = Reading.pending(Source.DCS, clock.instant());
    }

    Reading<DcsView> reading() {
        return reading;
    }

    @Override
    public void onView(DcsView view) {
        Optional<DcsView> previous = reading.value();
        reading = view.keys().isEmpty()
                ? Reading.degraded(
                        Source.DCS,
                        Optional.of(view),
                        true,
                        "etcd has no keys under /service/" + scope
                                + "/: is the scope right, and has Patroni bootstrapped the cluster?",
                        clock.instant())
                : Reading.ok(Source.DCS, view, clock.instant());
        onChange.accept(previous, view);
    }

    /** There is no etcd to watch (attached by Patroni URLs only). */
    void notConfigured(String why) {
        reading = Reading.notConfigured(Source.DCS, why, clock.instant());
    }

    @Override
    public void onUnavailable(String reason) {
        reading = Reading.degraded(
                Source.DCS, Optional.empty(), false, reason == null ? "etcd unavailable" : reason, clock.instant());
        onUnavailable.run();
    }
}
