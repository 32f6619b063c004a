package io.pgha.console.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** Hands every value from producer threads to the FX thread in batches: one FX task per burst, none lost. */
public final class BatchRelay<T> implements Consumer<T> {

    private final Executor fx;
    private final Consumer<List<T>> target;
    private List<T> pending = new ArrayList<>();
    private boolean scheduled;

    public BatchRelay(Executor fx, Consumer<List<T>> target) {
        this.fx = fx;
        this.target = target;
    }

    @Override
    public void accept(T value) {
        boolean schedule;
        synchronized (this) {
            pending.add(value);
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            fx.execute(this::drain);
        }
    }

    private void drain() {
        List<T> batch;
        synchronized (this) {
            batch = pending;
            pending = new ArrayList<>();
            scheduled = false;
        }
        target.accept(batch);
    }
}
