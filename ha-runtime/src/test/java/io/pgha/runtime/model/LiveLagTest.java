package io.pgha.runtime.model;

import static io.pgha.runtime.testsupport.MemberBuilder.member;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Lag from the positions the members report themselves together, not from the ones Patroni published a loop ago. */
class LiveLagTest {

    private static final long SEGMENT = 16L * 1024 * 1024;
    /** As Patroni published them: the leader after a segment switch, the replica a loop before it received it. */
    private static final List<Member> PUBLISHED = List.of(
            member("pg-0", Role.LEADER, "running").lsn(5 * SEGMENT).build(),
            member("pg-1", Role.QUORUM_STANDBY, "streaming")
                    .lsn(4 * SEGMENT + 4096)
                    .lag(SEGMENT - 4096)
                    .build(),
            member("pg-2", Role.REPLICA, "streaming")
                    .lsn(4 * SEGMENT + 4096)
                    .lag(SEGMENT - 4096)
                    .build());

    static Stream<Arguments> rows() {
        OptionalLong at = OptionalLong.of(5 * SEGMENT);
        OptionalLong none = OptionalLong.empty();
        return Stream.of(
                // case, own positions (pg-0, pg-1, pg-2), expected lag of pg-1 and pg-2
                Arguments.of("both replicas received the switch", at, at, at, 0L, 0L),
                Arguments.of("pg-2 really is behind", at, at, OptionalLong.of(3 * SEGMENT), 0L, 2 * SEGMENT),
                Arguments.of(
                        "a replica asked before a commit reached it is behind by that much",
                        OptionalLong.of(5 * SEGMENT + 200),
                        at,
                        at,
                        200L,
                        200L),
                Arguments.of(
                        "a replica asked after a commit the leader had not made yet is not ahead",
                        at,
                        OptionalLong.of(5 * SEGMENT + 200),
                        at,
                        0L,
                        0L),
                Arguments.of("pg-2's own position unknown: what Patroni published", at, at, none, 0L, SEGMENT - 4096),
                Arguments.of(
                        "the leader's own position unknown: what Patroni published",
                        none,
                        at,
                        at,
                        SEGMENT - 4096,
                        SEGMENT - 4096));
    }

    /** pg-0 answers as the leader, the others as replicas. */
    private static Map<String, LiveLag.OwnAnswer> answers(OptionalLong pg0, OptionalLong pg1, OptionalLong pg2) {
        return Map.of(
                "pg-0", new LiveLag.OwnAnswer(pg0, true),
                "pg-1", new LiveLag.OwnAnswer(pg1, false),
                "pg-2", new LiveLag.OwnAnswer(pg2, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void lagOfEachReplica(String why, OptionalLong pg0, OptionalLong pg1, OptionalLong pg2, long lag1, long lag2) {
        List<Member> live = LiveLag.apply(Optional.of("pg-0"), PUBLISHED, answers(pg0, pg1, pg2));

        assertThat(live.get(0)).as("the leader as published").isEqualTo(PUBLISHED.get(0));
        assertThat(live.get(1).lagBytes()).as(why).hasValue(lag1);
        assertThat(live.get(2).lagBytes()).as(why).hasValue(lag2);
        assertThat(live.get(1).lsn())
                .as("its own position when known")
                .isEqualTo(
                        pg1.isPresent() && pg0.isPresent()
                                ? pg1
                                : PUBLISHED.get(1).lsn());
    }

    @ParameterizedTest(name = "no leader: {0}")
    @MethodSource("rows")
    void withoutALeaderNothingChanges(
            String why, OptionalLong pg0, OptionalLong pg1, OptionalLong pg2, long lag1, long lag2) {
        assertThat(LiveLag.apply(Optional.empty(), PUBLISHED, answers(pg0, pg1, pg2)))
                .isEqualTo(PUBLISHED);
    }
}
