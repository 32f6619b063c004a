package io.pgha.runtime.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fault in place. {@link #heal()} undoes it, once: after a heal that succeeded, a second call does nothing (the
 * drill heals again on every way out). {@link #stopWatching()} ends what watches the faulty node meanwhile. Its
 * {@link #notes()} say what the injection found on the way (double-failover: which successor was killed, and when).
 */
final class InjectedFault {

    /** A moment on both of the drill's clocks. */
    record Moment(long epochMillis, long nanos) {
        static Moment now() {
            return new Moment(System.currentTimeMillis(), System.nanoTime());
        }
    }

    private Runnable heal;
    private final Runnable stopWatching;
    private final List<String> notes;
    private final Optional<Moment> began;

    private InjectedFault(Runnable heal, Runnable stopWatching) {
        this(heal, stopWatching, List.of(), Optional.empty());
    }

    private InjectedFault(Runnable heal, Runnable stopWatching, List<String> notes, Optional<Moment> began) {
        this.heal = heal;
        this.stopWatching = stopWatching;
        this.notes = List.copyOf(notes);
        this.began = began;
    }

    /** No fault (yet). */
    static InjectedFault nothing() {
        return new InjectedFault(() -> {}, () -> {});
    }

    static InjectedFault healedBy(Runnable heal) {
        return new InjectedFault(heal, () -> {});
    }

    /** A fault that heals itself (Patroni restarts a postmaster, a switchover is over when it answers). */
    static InjectedFault healsItself() {
        return nothing();
    }

    InjectedFault watchedBy(Thread watcher) {
        return new InjectedFault(heal, watcher::interrupt, notes, began);
    }

    /** The same fault with a line for the drill's result. */
    InjectedFault withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new InjectedFault(heal, stopWatching, more, began);
    }

    /** The same fault, begun at {@code moment} rather than when the drill called it. */
    InjectedFault beganAt(Moment moment) {
        return new InjectedFault(heal, stopWatching, notes, Optional.of(moment));
    }

    Optional<Moment> began() {
        return began;
    }

    List<String> notes() {
        return notes;
    }

    void heal() {
        heal.run();
        heal = () -> {};
    }

    void stopWatching() {
        stopWatching.run();
    }
}
