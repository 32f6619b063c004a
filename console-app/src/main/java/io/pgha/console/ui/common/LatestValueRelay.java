package io.pgha.console.ui.common;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands values from a producer thread to the FX thread, keeping only the newest one not yet applied,
 * so a burst of snapshots costs one UI update and the FX queue never grows.
 */
public final class LatestValueRelay<T> implements Consumer<T> {

    private final AtomicReference<T> pending = new AtomicReference<>();
    private final Executor fx;
    private final Consumer<T> target;

    public LatestValueRelay(Executor fx, Consumer<T> target) {
        this.fx = fx;
        this.target = target;
    }

    @Override
    public void accept(T value) {
        if (pending.getAndSet(value) == null) {
            fx.execute(this::drain);
        }
    }

    private void drain() {
        T value = pending.getAndSet(null);
        if (value != null) {
            target.accept(value);
        }
    }
}
