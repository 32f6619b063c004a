package io.pgha.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.dcs.LeaderKey;
import io.pgha.runtime.supervisor.SupervisorEvent.HeartbeatDue;
import io.pgha.runtime.supervisor.SupervisorEvent.HolderAnswered;
import io.pgha.runtime.supervisor.SupervisorEvent.HolderRenewalRead;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyChanged;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyDeleted;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyRead;
import io.pgha.runtime.supervisor.SupervisorEvent.LeadershipChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fencing a cut-off primary once it has demoted itself (docs/decisions/0073-fence-a-demoted-holder), as tables: the
 * events a supervisor sees (its heartbeat, the holder's lease as read, the holder's answer through its engine) and
 * every action it takes. Members pg-0, pg-1, pg-2; pg-0 holds the key at mod revision 10; a holder that has not renewed
 * its lease for more than 5 s is asked.
 */
class DemotedHolderDecisionsTest {

    private static final Instant STARTED = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant NOW = STARTED.plusSeconds(60);
    private static final List<String> MEMBERS = List.of("pg-0", "pg-1", "pg-2");

    private static final String ASKED =
            "log: pg-0 has not renewed the leader key's lease for 7 s; asking it through its engine whether it still"
                    + " accepts writes";
    private static final String ASK = "ask pg-0@10 through its engine";
    private static final String FENCED = "fenced pg-0: it demoted itself, cut off from etcd, leader key released";
    /** pg-0 runs: its sessions on the write listener are shut (unlike a gone container's, docs/decisions/0068). */
    private static final String TAKE_OFF_PG0 = "router: primary/pg-0 down, shut primary/pg-0";

    private static final HolderWrites IN_RECOVERY =
            new HolderWrites(HolderWrites.Kind.IN_RECOVERY, "pg_is_in_recovery() = t");
    private static final HolderWrites SHUT_DOWN =
            new HolderWrites(HolderWrites.Kind.SHUT_DOWN, "refused the socket; control file: shut down");
    private static final HolderWrites WRITABLE =
            new HolderWrites(HolderWrites.Kind.ACCEPTS_WRITES, "pg_is_in_recovery() = f");
    private static final HolderWrites PAUSED = HolderWrites.unknown("exec failed: container is paused");

    record Row(String name, boolean fence, boolean leading, List<SupervisorEvent> events, List<String> actions) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static LeaderKey.Holder key(String holder, long modRevision) {
        return new LeaderKey.Holder(Optional.ofNullable(holder), modRevision + 3, holder == null ? 0 : modRevision);
    }

    /** The lease read on a heartbeat: pg-0's key at revision 10, unrenewed for {@code seconds}. */
    private static SupervisorEvent lease(long seconds) {
        return new HolderRenewalRead(key("pg-0", 10), Optional.of(Duration.ofSeconds(seconds)), Optional.empty());
    }

    private static HolderAnswered answered(HolderWrites writes) {
        return new HolderAnswered("pg-0", 10, NOW, writes);
    }

    /** The lease read again after pg-0 answered {@code writes}: {@code holder}'s key, unrenewed for {@code seconds}. */
    private static SupervisorEvent leaseAfter(HolderWrites writes, String holder, long modRevision, long seconds) {
        return new HolderRenewalRead(
                key(holder, modRevision), Optional.of(Duration.ofSeconds(seconds)), Optional.of(answered(writes)));
    }

    private static final SupervisorEvent READ_PG0 = new LeaderKeyRead(key("pg-0", 10));
    private static final SupervisorEvent BEAT = new HeartbeatDue();

    private static Row row(String name, List<SupervisorEvent> events, List<String> actions) {
        return new Row(name, true, true, events, actions);
    }

    private static List<String> then(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    private static final List<String> BEAT_STALE_ASKED = List.of("heartbeat: started", "read lease", ASKED, ASK);

    static Stream<Row> rows() {
        return Stream.of(
                row(
                        "a holder that renews its lease is not asked",
                        List.of(READ_PG0, BEAT, lease(1), BEAT, lease(3)),
                        List.of("heartbeat: started", "read lease", "heartbeat: started", "read lease")),
                row(
                        "at the threshold (5 s) it is not asked yet",
                        List.of(READ_PG0, BEAT, lease(5)),
                        List.of("heartbeat: started", "read lease")),
                row(
                        "a stale holder is asked through its engine, on the revision read",
                        List.of(READ_PG0, BEAT, lease(7)),
                        BEAT_STALE_ASKED),
                row(
                        "in recovery and still unrenewed: its key is deleted on the revision seen, writes taken off and"
                                + " its sessions shut",
                        List.of(
                                READ_PG0,
                                BEAT,
                                lease(7),
                                answered(IN_RECOVERY),
                                leaseAfter(IN_RECOVERY, "pg-0", 10, 8),
                                new LeaderKeyDeleted("pg-0", true),
                                new LeaderKeyChanged(key(null, 0))),
                        then(
                                BEAT_STALE_ASKED,
                                "read lease (pg-0 said IN_RECOVERY)",
                                "warn: fencing pg-0: cut off from etcd (lease unrenewed for 8 s) and its engine says it"
                                        + " no longer accepts writes (pg_is_in_recovery() = t)",
                                "delete key if pg-0@10",
                                "log: " + FENCED,
                                "heartbeat: " + FENCED,
                                TAKE_OFF_PG0,
                                "log: leader key changed: pg-0 -> nobody",
                                TAKE_OFF_PG0,
                                "log: stopped writes to pg-0: nobody holds the leader key",
                                "heartbeat: stopped writes to pg-0: nobody holds the leader key")),
                row(
                        "shut down (a fast shutdown waiting for its WAL senders, or no postmaster): fenced the same way",
                        List.of(READ_PG0, BEAT, lease(7), answered(SHUT_DOWN), leaseAfter(SHUT_DOWN, "pg-0", 10, 8)),
                        then(
                                BEAT_STALE_ASKED,
                                "read lease (pg-0 said SHUT_DOWN)",
                                "warn: fencing pg-0: cut off from etcd (lease unrenewed for 8 s) and its engine says it"
                                        + " no longer accepts writes (refused the socket; control file: shut down)",
                                "delete key if pg-0@10")),
                row(
                        "the delete found the key moved: nothing is taken off",
                        List.of(
                                READ_PG0,
                                BEAT,
                                lease(7),
                                answered(IN_RECOVERY),
                                leaseAfter(IN_RECOVERY, "pg-0", 10, 8),
                                new LeaderKeyDeleted("pg-0", false)),
                        then(
                                BEAT_STALE_ASKED,
                                "read lease (pg-0 said IN_RECOVERY)",
                                "warn: fencing pg-0: cut off from etcd (lease unrenewed for 8 s) and its engine says it"
                                        + " no longer accepts writes (pg_is_in_recovery() = t)",
                                "delete key if pg-0@10",
                                "log: pg-0 demoted itself but the leader key had already moved",
                                "heartbeat: pg-0 demoted itself but the leader key had already moved",
                                TAKE_OFF_PG0)),
                row(
                        "still accepting writes: nothing, and asked again on the next heartbeat while stale",
                        List.of(READ_PG0, BEAT, lease(7), answered(WRITABLE), BEAT, lease(9)),
                        then(
                                BEAT_STALE_ASKED,
                                "log: pg-0 still accepts writes; its leader key is left to the TTL",
                                "heartbeat: started",
                                "read lease",
                                ASKED.replace("7 s", "9 s"),
                                ASK)),
                row(
                        "unknown (a paused container cannot be exec'd): nothing",
                        List.of(READ_PG0, BEAT, lease(7), answered(PAUSED)),
                        then(
                                BEAT_STALE_ASKED,
                                "log: pg-0 could not be asked (exec failed: container is paused); its leader key is left"
                                        + " to the TTL")),
                row(
                        "renewed between the answer and the delete (the partition healed): left alone",
                        List.of(
                                READ_PG0,
                                BEAT,
                                lease(7),
                                answered(IN_RECOVERY),
                                leaseAfter(IN_RECOVERY, "pg-0", 10, 1)),
                        then(
                                BEAT_STALE_ASKED,
                                "read lease (pg-0 said IN_RECOVERY)",
                                "log: pg-0 renewed the leader key's lease after it said it cannot write"
                                        + " (pg_is_in_recovery() = t); leaving it")),
                row(
                        "the key was taken anew between the answer and the delete: left alone",
                        List.of(
                                READ_PG0,
                                BEAT,
                                lease(7),
                                answered(IN_RECOVERY),
                                leaseAfter(IN_RECOVERY, "pg-0", 30, 8)),
                        then(
                                BEAT_STALE_ASKED,
                                "read lease (pg-0 said IN_RECOVERY)",
                                "log: the leader key moved while pg-0 was asked; leaving it")),
                row(
                        "another member holds the key by the re-read: left alone",
                        List.of(
                                READ_PG0,
                                BEAT,
                                lease(7),
                                answered(IN_RECOVERY),
                                leaseAfter(IN_RECOVERY, "pg-1", 21, 8)),
                        then(
                                BEAT_STALE_ASKED,
                                "read lease (pg-0 said IN_RECOVERY)",
                                "log: the leader key moved while pg-0 was asked; leaving it")),
                row(
                        "a lease etcd did not describe: nothing",
                        List.of(
                                READ_PG0,
                                BEAT,
                                new HolderRenewalRead(key("pg-0", 10), Optional.empty(), Optional.empty())),
                        List.of("heartbeat: started", "read lease")),
                row(
                        "nobody holds the key: no lease to read",
                        List.of(new LeaderKeyRead(key(null, 0)), BEAT),
                        List.of("heartbeat: started")),
                new Row(
                        "without fencing (--no-fence): the lease is not read, answers are ignored",
                        false,
                        true,
                        List.of(
                                READ_PG0,
                                BEAT,
                                lease(9),
                                answered(IN_RECOVERY),
                                leaseAfter(IN_RECOVERY, "pg-0", 10, 9)),
                        List.of("heartbeat: started")),
                new Row(
                        "not leading the supervisors: nothing at all",
                        true,
                        false,
                        List.of(
                                READ_PG0,
                                BEAT,
                                lease(9),
                                answered(IN_RECOVERY),
                                leaseAfter(IN_RECOVERY, "pg-0", 10, 9)),
                        List.of()));
    }

    /** The re-read after the answer, {@code later} after the question, finds the lease unrenewed for {@code seconds}. */
    private static List<String> reReadLater(Duration later, long seconds) {
        SupervisorState state = SupervisorDecisions.next(
                        SupervisorState.initial(new SupervisorState.Policy(
                                MEMBERS, true, true, "postgres", Duration.ofSeconds(15), STARTED)),
                        new LeadershipChanged(Optional.of(1L)),
                        STARTED)
                .state()
                .withCaughtUp();
        state = SupervisorDecisions.next(state, READ_PG0, NOW).state();
        state = SupervisorDecisions.next(state, answered(IN_RECOVERY), NOW.plus(later))
                .state();
        return Render.all(SupervisorDecisions.next(state, leaseAfter(IN_RECOVERY, "pg-0", 10, seconds), NOW.plus(later))
                .actions());
    }

    @Test
    void theLastRenewalMustPrecedeTheQuestion() {
        // asked at NOW; 5 s later the lease has gone 6 s unrenewed: a renewal after the question cannot be ruled out
        assertThat(reReadLater(Duration.ofSeconds(5), 6))
                .containsExactly("log: pg-0 renewed the leader key's lease after it said it cannot write"
                        + " (pg_is_in_recovery() = t); leaving it");
        // 1 s later, 8 s unrenewed: the last renewal was before the question
        assertThat(reReadLater(Duration.ofSeconds(1), 8)).contains("delete key if pg-0@10");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(Row row) {
        SupervisorState.Policy policy =
                new SupervisorState.Policy(MEMBERS, row.fence(), true, "postgres", Duration.ofSeconds(15), STARTED);
        SupervisorState state = SupervisorState.initial(policy);
        if (row.leading()) {
            state = SupervisorDecisions.next(state, new LeadershipChanged(Optional.of(1L)), STARTED)
                    .state()
                    .withCaughtUp();
        }
        assertThat(Render.all(Played.from(state, row.events(), NOW).actions()))
                .containsExactlyElementsOf(row.actions());
    }
}
