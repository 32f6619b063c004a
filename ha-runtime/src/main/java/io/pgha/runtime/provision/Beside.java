package io.pgha.runtime.provision;

import io.pgha.runtime.PghaException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The work of one {@code pgha up} that runs beside its steps (docs/decisions/0023), each piece on a virtual thread, and
 * that a later step joins: its failure surfaces there, as the step's. When the run fails or is cancelled,
 * {@link #abandon} lets nothing new begin and waits for what is under way, so that removing what the run made never
 * races a container being started.
 */
final class Beside {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Beside.class);

    private final List<CompletableFuture<?>> running = new ArrayList<>();
    private boolean abandoned;

    /** Starts {@code work} now; a failed future when the run was abandoned. */
    <T> CompletableFuture<T> run(String name, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        synchronized (this) {
            if (abandoned) {
                result.completeExceptionally(PghaException.timeout("pgha up stopped before " + name + " began"));
                return result;
            }
            running.add(result);
        }
        Thread.ofVirtual().name("pgha-up-" + name).start(() -> {
            long start = System.nanoTime();
            try {
                result.complete(work.get());
                LOG.debug("beside the steps: {} done in {} ms", name, (System.nanoTime() - start) / 1_000_000);
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** The value of {@code work}, waiting for it; its failure as the {@link PghaException} it threw. */
    static <T> T join(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            throw asPgha(e.getCause());
        }
    }

    /** Lets nothing new begin and waits up to {@code limit} for what is under way, whatever its outcome. */
    void abandon(Duration limit) {
        List<CompletableFuture<?>> underWay;
        synchronized (this) {
            abandoned = true;
            underWay = List.copyOf(running);
        }
        boolean interrupted = Thread.interrupted(); // a Cancel interrupts the run: wait anyway, then say so again
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            for (CompletableFuture<?> f : underWay) {
                try {
                    f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException | TimeoutException ignored) {
                    // its outcome does not matter any more: the run has failed already
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static PghaException asPgha(Throwable t) {
        return t instanceof PghaException p
                ? p
                : new PghaException(PghaException.Kind.UNAVAILABLE, String.valueOf(t), t);
    }
}
