package io.pgha.runtime.provision;

import java.time.Duration;

/**
 * Who goes first at the Docker engine during one {@code pgha up} (docs/decisions/0036): the containers started beside the
 * steps (router, exporters, Prometheus) wait before each create and start while the critical path holds a turn (the
 * PostgreSQL nodes being created, or about to be started), so that a start of etcd's or PostgreSQL's never queues in
 * the engine behind theirs. The engine serialises much of a container's create and start (its network endpoint, the
 * published ports' rules), and on a loaded machine one such start took 3–5 s. A background container waits at most a
 * given limit, so a critical step that hangs never stalls it for good.
 */
final class EngineTurns {

    /** A turn of the critical path; released once, however often {@link #release} is called. */
    interface Hold {
        void release();
    }

    private int held;
    private boolean over;

    /** Takes a turn: background work waits from now until it is released. */
    Hold hold() {
        synchronized (this) {
            held++;
        }
        return new Hold() {
            private boolean released;

            @Override
            public void release() {
                synchronized (EngineTurns.this) {
                    if (!released) {
                        released = true;
                        held--;
                        EngineTurns.this.notifyAll();
                    }
                }
            }
        };
    }

    /**
     * Says the critical path will take no more turns (its containers are started): what waits beside it may go at
     * once, all together.
     */
    synchronized void end() {
        over = true;
        notifyAll();
    }

    /** Whether {@link #end} was called and no turn is held: background work need not wait any more. */
    synchronized boolean over() {
        return over && held == 0;
    }

    /** Whether the critical path holds a turn now. */
    synchronized boolean held() {
        return held > 0;
    }

    /**
     * Waits until no turn is held, at most {@code limit}.
     *
     * @return whether no turn is held now (false: the limit passed first, and the caller goes on anyway)
     */
    synchronized boolean awaitFree(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (held > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
