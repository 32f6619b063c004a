package io.pgha.console.ui.common;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * The console's two executors: one background pool for everything that may block (runtime calls, files)
 * and the FX executor, the only way back onto the FX thread. View models receive both, so tests can give
 * them direct executors and stay free of threads.
 */
public record UiExecutors(ScheduledExecutorService background, Executor fx) {

    private static final int BACKGROUND_THREADS = 4;

    public static UiExecutors forApplication() {
        ScheduledThreadPoolExecutor background =
                new ScheduledThreadPoolExecutor(BACKGROUND_THREADS, namedDaemons("pgha-background-"));
        background.setRemoveOnCancelPolicy(true);
        background.setKeepAliveTime(30, TimeUnit.SECONDS);
        background.allowCoreThreadTimeOut(true);
        return new UiExecutors(background, Platform::runLater);
    }

    /** Daemon threads, so a forgotten task never keeps the application alive, named for thread dumps. */
    public static ThreadFactory namedDaemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Runs the work in the background, then hands its result, or its failure, to the FX thread. */
    public <T> void supply(Supplier<T> work, Consumer<T> done, Consumer<RuntimeException> failed) {
        background.execute(() -> {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                fx.execute(() -> failed.accept(e));
                return;
            }
            fx.execute(() -> done.accept(result));
        });
    }

    /** Lets queued work (closing sessions) finish, starts nothing new; the threads are daemons, so exit never waits. */
    public void shutdown() {
        background.shutdown();
    }
}
