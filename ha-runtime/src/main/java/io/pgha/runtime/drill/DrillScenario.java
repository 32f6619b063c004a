package io.pgha.runtime.drill;

import io.pgha.runtime.PghaException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The faults `pgha drill` can inject, by their command-line names. */
public enum DrillScenario {
    KILL_PRIMARY("kill-primary", "docker kill of the primary's container", true),
    STOP_PRIMARY("stop-primary", "docker stop of the primary's container", true),
    CRASH_POSTGRES("crash-postgres", "kill -9 of the primary's postmaster, Patroni alive", false),
    PARTITION_PRIMARY("partition-primary", "the primary cut off the stack network, reconnected later", true),
    FREEZE_PRIMARY("freeze-primary", "docker pause of the primary's container, unpaused later", false),
    ETCD_MINORITY("etcd-minority", "one etcd member stopped", false),
    ETCD_QUORUM_LOSS("etcd-quorum-loss", "two etcd members stopped", false),
    SWITCHOVER("switchover", "a planned switchover through Patroni's REST API", true),
    KILL_ROUTER("kill-router", "docker kill of pg-router, writers on both routers' ports, started again later", false),
    KILL_DURING_SWITCHOVER(
            "kill-during-switchover",
            "a planned switchover, and the old primary killed while it hands over (started again later)",
            true),
    DOUBLE_FAILOVER(
            "double-failover",
            "the primary killed, then its successor within 10 s; the third member takes over (both started again later)",
            true),
    ETCD_LEADER_DURING_FAILOVER(
            "etcd-leader-during-failover",
            "the primary's container and the etcd leader's killed together (both started again later)",
            true),
    LOSSY_PRIMARY(
            "lossy-primary",
            "30 % of the packets the primary receives dropped at random (iptables statistic match in its network"
                    + " namespace, not netem), removed later",
            false),
    SLOW_PRIMARY(
            "slow-primary",
            "what the primary sends held to 1 mbit/s with at most 400 ms of queueing (tc tbf in its network namespace,"
                    + " not netem), removed later",
            false),
    ASYMMETRIC_PARTITION(
            "asymmetric-partition",
            "the primary sends but receives nothing (iptables drops all but loopback in its network namespace) until"
                    + " another member takes writes, then it is removed",
            true),
    SUPERVISOR_KILLED_MID_FAILOVER(
            "supervisor-killed-mid-failover",
            "every supervisor crashed (SIGKILL to its process), then at once the primary's container killed: Patroni"
                    + " alone fails over within its leader TTL; healed when the old primary streams again and every"
                    + " supervisor runs again, restarted by its restart policy",
            true),
    DISK_WRITES_REFUSED(
            "disk-writes-refused",
            "a stand-in for a full disk: the kernel refuses the primary's writes into files past 64 KiB (RLIMIT_FSIZE"
                    + " of its Patroni and PostgreSQL, EFBIG instead of ENOSPC; nothing is written) until another member"
                    + " takes writes; healed when the limit is lifted and the old primary streams again",
            true);

    private final String cliName;
    private final String description;
    private final boolean expectsNewLeader;

    DrillScenario(String cliName, String description, boolean expectsNewLeader) {
        this.cliName = cliName;
        this.description = description;
        this.expectsNewLeader = expectsNewLeader;
    }

    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    /** Whether the fault should normally end with another member leading (crash-postgres may restart in place). */
    public boolean expectsNewLeader() {
        return expectsNewLeader;
    }

    public static DrillScenario parse(String name) {
        return Arrays.stream(values())
                .filter(s -> s.cliName.equals(name))
                .findFirst()
                .orElseThrow(() -> PghaException.invalidInput("unknown drill '" + name + "'; choose one of "
                        + Arrays.stream(values()).map(DrillScenario::cliName).collect(Collectors.joining(", "))));
    }
}
