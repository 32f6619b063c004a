package io.pgha.runtime.usecase;

import io.pgha.runtime.drill.DrillTarget;
import io.pgha.runtime.postgres.WriteLoad;

/** The restore drills' writers: numbered inserts through every router's write port, as the fault drills aim them. */
final class DrillWriters {

    private DrillWriters() {}

    /** {@code writers} connections inserting rows of {@code run}; 0 for a reader (its rows, its table's removal). */
    static WriteLoad of(DrillTarget target, String run, int writers) {
        return new WriteLoad(
                target.routerHost(),
                target.writePorts(),
                target.superuser(),
                target.password(),
                run,
                writers,
                target.caFile());
    }
}
