package io.pgha.runtime.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Replication lag from the members' own WAL positions, asked together, instead of the positions each Patroni publishes
 * once a loop. Those published positions are up to one loop_wait old and not taken together: on an idle cluster every
 * WAL segment switch (archive_timeout after a checkpoint) moves the leader's position up to 16 MiB at once, and each
 * replica looks that far behind until its own next loop publishes that it received the switch at once. Patroni's own
 * switchover check asks the replicas the same way (docs/decisions/0063).
 */
public final class LiveLag {

    private LiveLag() {}

    /** What a member reported itself this round: its WAL position, and whether it says it leads. */
    public record OwnAnswer(OptionalLong position, boolean leads) {}

    /**
     * The members with each replica's position and lag taken from {@code answers} (member name to what it reported
     * itself this round: the current position on the leader, received or replayed on a replica) where both the leader's
     * and the replica's are known; other members as they were. The leader's answer counts only while it still says it
     * leads (a demoting key holder gives no position to measure against).
     */
    public static List<Member> apply(Optional<String> leader, List<Member> members, Map<String, OwnAnswer> answers) {
        OptionalLong leaderPosition = leader.map(answers::get)
                .filter(OwnAnswer::leads)
                .map(OwnAnswer::position)
                .orElse(OptionalLong.empty());
        if (leaderPosition.isEmpty()) {
            return members;
        }
        long at = leaderPosition.getAsLong();
        return members.stream()
                .map(m -> {
                    OptionalLong own = Optional.ofNullable(answers.get(m.name()))
                            .map(OwnAnswer::position)
                            .orElse(OptionalLong.empty());
                    if (leader.get().equals(m.name()) || own.isEmpty()) {
                        return m;
                    }
                    return m.withPosition(own, OptionalLong.of(Math.max(0, at - own.getAsLong())));
                })
                .toList();
    }
}
