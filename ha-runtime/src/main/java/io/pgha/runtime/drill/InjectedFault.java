package io.pgha.runtime.drill;

/**
 * A fault in place. {@link #heal()} undoes it, once: after a heal that succeeded, a second call does nothing (the
 * drill heals again on every way out). {@link #stopWatching()} ends what watches the faulty node meanwhile.
 */
final class InjectedFault {

    private Runnable heal;
    private final Runnable stopWatching;

    private InjectedFault(Runnable heal, Runnable stopWatching) {
        this.heal = heal;
        this.stopWatching = stopWatching;
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
        return new InjectedFault(heal, watcher::interrupt);
    }

    void heal() {
        heal.run();
        heal = () -> {};
    }

    void stopWatching() {
        stopWatching.run();
    }
}
