package io.pgha.runtime.provision;

/**
 * The critical path's turns at the engine during one {@code pgha up} (docs/decisions/0036): creating the PostgreSQL
 * nodes (held from the start, so the background waits for that first), then starting them (from etcd's users on).
 */
final class NodeTurns {
    private final EngineTurns turns;
    private final EngineTurns.Hold creating;
    private EngineTurns.Hold starting;

    NodeTurns(EngineTurns turns) {
        this.turns = turns;
        this.creating = turns.hold();
    }

    EngineTurns turns() {
        return turns;
    }

    EngineTurns.Hold creating() {
        return creating;
    }

    /** Takes the start turn: the nodes start at the end of the next step or two. */
    synchronized void startComing() {
        if (starting == null) {
            starting = turns.hold();
        }
    }

    /** Releases the start turn, and says the critical path starts nothing more. */
    synchronized void started() {
        if (starting != null) {
            starting.release();
        }
        turns.end();
    }

    /** Releases the start turn without ending the turns (a restore runs first). */
    synchronized void pause() {
        if (starting != null) {
            starting.release();
            starting = null;
        }
    }

    synchronized void releaseAll() {
        creating.release();
        if (starting != null) {
            starting.release();
        }
    }
}
