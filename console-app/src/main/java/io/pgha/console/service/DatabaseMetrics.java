package io.pgha.console.service;

/**
 * Database counters the snapshot does not carry (transactions, connections): from the exporters'
 * /metrics or pgjdbc. The metrics screen samples it at the refresh interval, off the FX thread.
 */
public interface DatabaseMetrics {

    /** The counters now; parts the source cannot give are empty. Must not throw for an unreachable source. */
    DatabaseCounters sample();
}
