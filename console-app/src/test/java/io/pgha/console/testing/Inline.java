package io.pgha.console.testing;

import io.pgha.console.ui.common.UiExecutors;

/** Executors for view-model tests: background work and FX hops both run on the test's thread. */
public final class Inline {

    private Inline() {}

    public static UiExecutors executors(InlineScheduler scheduler) {
        return new UiExecutors(scheduler, Runnable::run);
    }

    public static UiExecutors executors() {
        return executors(new InlineScheduler());
    }
}
