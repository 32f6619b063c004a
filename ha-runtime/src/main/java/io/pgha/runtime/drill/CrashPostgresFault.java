package io.pgha.runtime.drill;

import java.time.Duration;

/** kill -9 of the primary's postmaster, Patroni alive: it restarts PostgreSQL in place, or another member takes over. */
final class CrashPostgresFault implements DrillFault {

    @Override
    public InjectedFault inject(FaultTools tools, String leader) {
        tools.docker()
                .exec(
                        tools.target().containerOf(leader),
                        Duration.ofSeconds(10),
                        "sh",
                        "-c",
                        "kill -9 $(head -1 /home/postgres/pgdata/pgroot/data/postmaster.pid)");
        return InjectedFault.healsItself();
    }

    @Override
    public boolean lasting() {
        return false;
    }

    @Override
    public RecoveredWhen recoveredWhen() {
        return RecoveredWhen.WRITABLE_AGAIN;
    }
}
