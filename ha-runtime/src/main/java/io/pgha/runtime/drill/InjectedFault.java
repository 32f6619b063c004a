package io.pgha.runtime.drill;

import java.util.ArrayList;
import java.util.List;

/**
 * A fault in place. {@link #heal()} undoes it, once: after a heal that succeeded, a second call does nothing (the
 * drill heals again on every way out). {@link #stopWatching()} ends what watches the faulty node meanwhile. Its
 * {@link #notes()} say what the injection found on the way (double-failover: which successor was killed, and when).
 */
final class InjectedFault {

    private Runnable heal;
    private final Runnable stopWatching;
    private final List<String> notes;

    private InjectedFault(Runnable heal, Runnable stopWatching) {
        this(heal, stopWatching, List.of());
    }

    private InjectedFault(Runnable heal, Runnable stopWatching, List<String> notes) {
        this.heal = heal;
        this.stopWatching = stopWatching;
        this.notes = List.copyOf(notes);
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
        return new InjectedFault(heal, watcher::interrupt, notes);
    }

    /** The same fault with a line for the drill's result. */
    InjectedFault withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new InjectedFault(heal, stopWatching, more);
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
