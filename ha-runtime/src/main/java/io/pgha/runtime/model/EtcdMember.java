package io.pgha.runtime.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One etcd member.
 *
 * @param endpoint  the client URL pgha uses to reach it
 * @param health    UP when its endpoint answered a health check, DOWN when it failed, UNKNOWN when not checked
 * @param leader    whether it is the raft leader
 * @param error     why it is not healthy
 */
public record EtcdMember(
        String name,
        String endpoint,
        Health health,
        boolean leader,
        OptionalLong raftTerm,
        OptionalLong dbSizeBytes,
        List<String> alarms,
        Optional<String> error) {

    public EtcdMember {
        alarms = List.copyOf(alarms);
    }
}
