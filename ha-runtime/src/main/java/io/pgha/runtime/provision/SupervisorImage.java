package io.pgha.runtime.provision;

import io.pgha.runtime.stack.ImageProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The supervisor's image, ensured in the background from the start of {@code pgha up} (docs/decisions/0014, 0023):
 * finding it current or building it from the jars this pgha runs on no longer delays etcd and PostgreSQL, only the
 * supervisor's own container, which starts last. What the build says is kept for the step that joins it.
 */
final class SupervisorImage {

    /** A stack without the supervisor: nothing to ensure. */
    static final SupervisorImage NONE = new SupervisorImage(CompletableFuture.completedFuture(false), List.of());

    private final CompletableFuture<Boolean> ready;
    private final List<String> lines;

    private SupervisorImage(CompletableFuture<Boolean> ready, List<String> lines) {
        this.ready = ready;
        this.lines = lines;
    }

    static SupervisorImage ensureInBackground(Supplier<ImageResolver> resolver, ImageProfile profile) {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread.ofVirtual().name("pgha-supervisor-image").start(() -> {
            try {
                resolver.get().ensureSupervisor(profile, lines::add);
                ready.complete(true);
            } catch (Throwable t) {
                ready.completeExceptionally(t);
            }
        });
        return new SupervisorImage(ready, lines);
    }

    /** Completes when the image is there; exceptionally with the build's failure. */
    CompletableFuture<Boolean> ready() {
        return ready;
    }

    /** What the image check or build printed so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
