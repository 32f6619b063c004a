package io.pgha.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.dcs.LeaderKey;
import io.pgha.runtime.supervisor.SupervisorEvent.ContainerDied;
import io.pgha.runtime.supervisor.SupervisorEvent.ContainerInspected;
import io.pgha.runtime.supervisor.SupervisorEvent.HeartbeatDue;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyChanged;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyChecked;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyDeleted;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyRead;
import io.pgha.runtime.supervisor.SupervisorEvent.PromotionAwaited;
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
 * The supervisor's decisions as tables: a sequence of events (what it saw, and the answers to its questions) and every
 * action it takes, in order. Members pg-0, pg-1, pg-2; pg-0 leads at first. The supervisor holds the supervisors' lease
 * throughout ({@link LeadershipDecisionsTest} is about holding it or not).
 */
class SupervisorDecisionsTest {

    private static final Instant STARTED = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant NOW = STARTED.plusSeconds(60);
    private static final List<String> MEMBERS = List.of("pg-0", "pg-1", "pg-2");

    private static final String FENCED = "fenced pg-0: its container stopped, leader key released";
    private static final String MOVED = "container pg-0 stopped but the leader key had already moved";
    private static final String TAKE_OFF_PG0 = "router: primary/pg-0 down, shut primary/pg-0";
    /** A container confirmed gone took its connections along: its sessions are not shut (docs/decisions/0068). */
    private static final String TAKE_OFF_GONE_PG0 = "router: primary/pg-0 down";

    private static final String ROUTE_PG1 =
            "router: primary/pg-1 up, primary/pg-0 down, shut primary/pg-0, primary/pg-2 down, "
                    + "shut primary/pg-2, replicas/pg-1 down";
    private static final String ROUTED_PG1 = "routed writes to pg-1: its PostgreSQL accepts writes";
    private static final String STOPPED_PG0 = "stopped writes to pg-0: nobody holds the leader key";

    static SupervisorState.Policy policy(boolean fence, boolean route) {
        return new SupervisorState.Policy(MEMBERS, fence, route, "postgres", Duration.ofSeconds(15), STARTED);
    }

    /** A supervisor that took the supervisors' lease (tenure 1) when it started, and read the leader key then. */
    static SupervisorState leading(SupervisorState.Policy policy) {
        return SupervisorDecisions.next(
                        SupervisorState.initial(policy),
                        new SupervisorEvent.LeadershipChanged(Optional.of(1L)),
                        STARTED)
                .state()
                .withCaughtUp();
    }

    /** One row: a sequence of events from a fresh supervisor, the actions it takes, and whom it knows as leader and routed to. */
    record Row(
            String name,
            SupervisorState.Policy policy,
            List<SupervisorEvent> events,
            List<String> actions,
            Optional<String> leader,
            Optional<String> routedTo) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Row row(
            String name, List<SupervisorEvent> events, List<String> actions, String leader, String routedTo) {
        return new Row(
                name, policy(true, true), events, actions, Optional.ofNullable(leader), Optional.ofNullable(routedTo));
    }

    private static Row row(
            String name,
            SupervisorState.Policy policy,
            List<SupervisorEvent> events,
            List<String> actions,
            String leader,
            String routedTo) {
        return new Row(name, policy, events, actions, Optional.ofNullable(leader), Optional.ofNullable(routedTo));
    }

    /** The key as read at start: {@code holder} (null: nobody) at mod revision 10. */
    private static SupervisorEvent read(String holder) {
        return new LeaderKeyRead(key(holder, 10));
    }

    /** The watch reports {@code holder} (null: a deletion) at mod revision 20. */
    private static SupervisorEvent changed(String holder) {
        return changed(holder, 20);
    }

    private static SupervisorEvent changed(String holder, long modRevision) {
        return new LeaderKeyChanged(key(holder, modRevision));
    }

    private static LeaderKey.Holder key(String holder, long modRevision) {
        return new LeaderKey.Holder(Optional.ofNullable(holder), modRevision, holder == null ? 0 : modRevision);
    }

    private static SupervisorEvent died(String member) {
        return new ContainerDied(member);
    }

    /** The key as read after {@code dead} died: {@code holder} at {@code modRevision} (null: nobody). */
    private static SupervisorEvent checked(String dead, String holder, long modRevision) {
        return new LeaderKeyChecked(
                dead, new LeaderKey.Holder(Optional.ofNullable(holder), modRevision + 5, modRevision));
    }

    /** As {@link #checked}, for a death Docker said happened at {@code diedAt}. */
    private static SupervisorEvent checkedAfter(String dead, String holder, long modRevision, Instant diedAt) {
        return new LeaderKeyChecked(
                dead,
                new LeaderKey.Holder(Optional.ofNullable(holder), modRevision + 5, modRevision),
                Optional.of(diedAt));
    }

    private static SupervisorEvent inspected(String member, long modRevision, boolean notRunning) {
        return new ContainerInspected(member, modRevision, notRunning);
    }

    /** pg-0 dies holding the key (revision 10), Docker confirms, the key is deleted and seen gone; then {@code after}. */
    private static List<SupervisorEvent> pg0FencedThen(SupervisorEvent... after) {
        List<SupervisorEvent> events = new ArrayList<>(List.of(
                read("pg-0"),
                died("pg-0"),
                checked("pg-0", "pg-0", 10),
                inspected("pg-0", 10, true),
                deleted("pg-0", true),
                changed(null)));
        events.addAll(List.of(after));
        return events;
    }

    /** What {@link #pg0FencedThen} makes the supervisor do (no session of the gone pg-0 shut), then {@code after}. */
    private static List<String> pg0FencedActionsThen(String... after) {
        List<String> actions = new ArrayList<>(List.of(
                "read key (pg-0 died)",
                "inspect pg-0",
                "delete key if pg-0@10",
                "log: " + FENCED,
                "heartbeat: " + FENCED,
                TAKE_OFF_GONE_PG0,
                "log: leader key changed: pg-0 -> nobody",
                TAKE_OFF_GONE_PG0,
                "log: " + STOPPED_PG0,
                "heartbeat: " + STOPPED_PG0));
        actions.addAll(List.of(after));
        return actions;
    }

    private static SupervisorEvent deleted(String member, boolean released) {
        return new LeaderKeyDeleted(member, released);
    }

    private static SupervisorEvent promoted(String member, boolean acceptsWrites) {
        return new PromotionAwaited(member, acceptsWrites);
    }

    static Stream<Row> rows() {
        return Stream.of(
                row(
                        "the leader's container dies and Docker confirms it: the key goes, writes leave the dead leader",
                        List.of(
                                read("pg-0"),
                                died("pg-0"),
                                checked("pg-0", "pg-0", 10),
                                inspected("pg-0", 10, true),
                                deleted("pg-0", true)),
                        List.of(
                                "read key (pg-0 died)",
                                "inspect pg-0",
                                "delete key if pg-0@10",
                                "log: " + FENCED,
                                "heartbeat: " + FENCED,
                                TAKE_OFF_GONE_PG0),
                        "pg-0",
                        null),
                row(
                        "the container restarted between the inspect and the delete and its Patroni took the key again: "
                                + "the delete, on the revision read before the inspect, fails",
                        List.of(
                                read("pg-0"),
                                died("pg-0"),
                                checked("pg-0", "pg-0", 10),
                                inspected("pg-0", 10, true),
                                deleted("pg-0", false)),
                        List.of(
                                "read key (pg-0 died)",
                                "inspect pg-0",
                                "delete key if pg-0@10",
                                "log: " + MOVED,
                                "heartbeat: " + MOVED,
                                TAKE_OFF_GONE_PG0),
                        "pg-0",
                        null),
                row(
                        "a fresh death (the key read 200 ms after Docker's die event): fenced without asking the engine"
                                + " again, which would wait for the container's cleanup",
                        List.of(
                                read("pg-0"),
                                new ContainerDied("pg-0", NOW.minusMillis(200)),
                                checkedAfter("pg-0", "pg-0", 10, NOW.minusMillis(200)),
                                deleted("pg-0", true)),
                        List.of(
                                "read key (pg-0 died)",
                                "delete key if pg-0@10",
                                "log: " + FENCED,
                                "heartbeat: " + FENCED,
                                TAKE_OFF_GONE_PG0),
                        "pg-0",
                        null),
                row(
                        "a death seen late (the key read 3 s after it): the engine is asked whether it runs again",
                        List.of(
                                read("pg-0"),
                                new ContainerDied("pg-0", NOW.minusSeconds(3)),
                                checkedAfter("pg-0", "pg-0", 10, NOW.minusSeconds(3)),
                                inspected("pg-0", 10, false)),
                        List.of(
                                "read key (pg-0 died)",
                                "inspect pg-0",
                                "log: container pg-0 reported dead but Docker says it runs again; leaving the leader key alone"),
                        "pg-0",
                        null),
                row(
                        "a death the engine dates after the read (clocks that disagree): the engine is asked",
                        List.of(
                                read("pg-0"),
                                new ContainerDied("pg-0", NOW.plusMillis(300)),
                                checkedAfter("pg-0", "pg-0", 10, NOW.plusMillis(300)),
                                inspected("pg-0", 10, true),
                                deleted("pg-0", true)),
                        List.of(
                                "read key (pg-0 died)",
                                "inspect pg-0",
                                "delete key if pg-0@10",
                                "log: " + FENCED,
                                "heartbeat: " + FENCED,
                                TAKE_OFF_GONE_PG0),
                        "pg-0",
                        null),
                row(
                        "the container runs again when Docker is asked: the key is left alone",
                        List.of(read("pg-0"), died("pg-0"), checked("pg-0", "pg-0", 10), inspected("pg-0", 10, false)),
                        List.of(
                                "read key (pg-0 died)",
                                "inspect pg-0",
                                "log: container pg-0 reported dead but Docker says it runs again; leaving the leader key alone"),
                        "pg-0",
                        null),
                row(
                        "the leader key changed revision before it was read: the delete compares with the revision read",
                        List.of(
                                read("pg-0"),
                                died("pg-0"),
                                checked("pg-0", "pg-0", 17),
                                inspected("pg-0", 17, true),
                                deleted("pg-0", true)),
                        List.of(
                                "read key (pg-0 died)",
                                "inspect pg-0",
                                "delete key if pg-0@17",
                                "log: " + FENCED,
                                "heartbeat: " + FENCED,
                                TAKE_OFF_GONE_PG0),
                        "pg-0",
                        null),
                row(
                        "the second of two supervisors deletes too late: the key had already moved, writes still leave pg-0",
                        List.of(
                                read("pg-0"),
                                died("pg-0"),
                                checked("pg-0", "pg-0", 10),
                                inspected("pg-0", 10, true),
                                deleted("pg-0", false),
                                changed(null)),
                        List.of(
                                "read key (pg-0 died)",
                                "inspect pg-0",
                                "delete key if pg-0@10",
                                "log: " + MOVED,
                                "heartbeat: " + MOVED,
                                TAKE_OFF_GONE_PG0,
                                "log: leader key changed: pg-0 -> nobody",
                                TAKE_OFF_GONE_PG0,
                                "log: " + STOPPED_PG0,
                                "heartbeat: " + STOPPED_PG0),
                        null,
                        null),
                row(
                        "a fenced leader restarted by Docker takes the key again, then loses it: it runs, so its sessions are shut",
                        pg0FencedThen(changed("pg-0", 40), changed(null, 50)),
                        pg0FencedActionsThen(
                                "log: leader key changed: nobody -> pg-0",
                                "await writes on pg-0",
                                "log: leader key changed: pg-0 -> nobody",
                                TAKE_OFF_PG0,
                                "log: " + STOPPED_PG0,
                                "heartbeat: " + STOPPED_PG0),
                        null,
                        null),
                row(
                        "a replica's container dies: not the leader, nothing to do",
                        List.of(read("pg-0"), died("pg-2"), checked("pg-2", "pg-0", 10)),
                        List.of(
                                "read key (pg-2 died)",
                                "log: container pg-2 stopped; it is not the leader, nothing to do"),
                        "pg-0",
                        null),
                row(
                        "the old leader dies after the key moved on: nothing to do",
                        List.of(read("pg-0"), died("pg-0"), checked("pg-0", "pg-1", 12)),
                        List.of(
                                "read key (pg-0 died)",
                                "log: container pg-0 stopped; it is not the leader, nothing to do"),
                        "pg-0",
                        null),
                row(
                        "the key is released, then taken: writes leave the old leader at once and reach the new one once it accepts them",
                        List.of(read("pg-0"), changed(null), changed("pg-1"), promoted("pg-1", true)),
                        List.of(
                                "log: leader key changed: pg-0 -> nobody",
                                TAKE_OFF_PG0,
                                "log: " + STOPPED_PG0,
                                "heartbeat: " + STOPPED_PG0,
                                "log: leader key changed: nobody -> pg-1",
                                "await writes on pg-1",
                                ROUTE_PG1,
                                "log: " + ROUTED_PG1,
                                "heartbeat: " + ROUTED_PG1),
                        "pg-1",
                        "pg-1"),
                row(
                        "the key moves straight to another member (a switchover seen in one change)",
                        List.of(read("pg-0"), changed("pg-1"), promoted("pg-1", true)),
                        List.of(
                                "log: leader key changed: pg-0 -> pg-1",
                                "await writes on pg-1",
                                ROUTE_PG1,
                                "log: " + ROUTED_PG1,
                                "heartbeat: " + ROUTED_PG1),
                        "pg-1",
                        "pg-1"),
                row(
                        "a new leader that does not accept writes within the wait: routing is left to the checks",
                        List.of(read("pg-0"), changed("pg-1"), promoted("pg-1", false)),
                        List.of(
                                "log: leader key changed: pg-0 -> pg-1",
                                "await writes on pg-1",
                                "warn: pg-1 took the leader key but its PostgreSQL did not leave recovery within 15000 ms; "
                                        + "leaving routing to the checks"),
                        "pg-1",
                        null),
                row(
                        "the same holder at a new revision (Patroni took the key again with a new lease): nothing changes",
                        List.of(read("pg-0"), changed("pg-0", 31)),
                        List.of(),
                        "pg-0",
                        null),
                row(
                        "started while a failover is under way, nobody holding the key: the next leader is routed",
                        List.of(read(null), changed("pg-1"), promoted("pg-1", true)),
                        List.of(
                                "log: leader key changed: nobody -> pg-1",
                                "await writes on pg-1",
                                ROUTE_PG1,
                                "log: " + ROUTED_PG1,
                                "heartbeat: " + ROUTED_PG1),
                        "pg-1",
                        "pg-1"),
                row(
                        "started while a failover is under way, the key held by the new leader: the first read routes nothing, "
                                + "the old leader's death is not its business",
                        List.of(read("pg-1"), died("pg-0"), checked("pg-0", "pg-1", 12)),
                        List.of(
                                "read key (pg-0 died)",
                                "log: container pg-0 stopped; it is not the leader, nothing to do"),
                        "pg-1",
                        null),
                row(
                        "started while the dead leader still holds the key: it is fenced",
                        pg0FencedThen(changed("pg-2"), promoted("pg-2", true)),
                        pg0FencedActionsThen(
                                "log: leader key changed: nobody -> pg-2",
                                "await writes on pg-2",
                                "router: primary/pg-2 up, primary/pg-0 down, primary/pg-1 down, shut primary/pg-1, "
                                        + "replicas/pg-2 down",
                                "log: routed writes to pg-2: its PostgreSQL accepts writes",
                                "heartbeat: routed writes to pg-2: its PostgreSQL accepts writes"),
                        "pg-2",
                        "pg-2"),
                row(
                        "without routing (--no-route) leader changes are only logged and a fenced leader stays on the router",
                        policy(true, false),
                        List.of(
                                read("pg-0"),
                                died("pg-0"),
                                checked("pg-0", "pg-0", 10),
                                inspected("pg-0", 10, true),
                                deleted("pg-0", true),
                                changed(null),
                                changed("pg-1")),
                        List.of(
                                "read key (pg-0 died)",
                                "inspect pg-0",
                                "delete key if pg-0@10",
                                "log: " + FENCED,
                                "heartbeat: " + FENCED,
                                "log: leader key changed: pg-0 -> nobody",
                                "log: leader key changed: nobody -> pg-1"),
                        "pg-1",
                        null),
                row(
                        "without fencing (--no-fence) a death is ignored",
                        policy(false, true),
                        List.of(read("pg-0"), died("pg-0")),
                        List.of(),
                        "pg-0",
                        null),
                row(
                        "the heartbeat publishes the last action",
                        List.of(read("pg-0"), new HeartbeatDue()),
                        List.of("heartbeat: started", "read lease"),
                        "pg-0",
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(Row row) {
        Played played = Played.from(leading(row.policy()), row.events(), NOW);

        assertThat(Render.all(played.actions())).containsExactlyElementsOf(row.actions());
        assertThat(played.state().leader()).as("leader").isEqualTo(row.leader());
        assertThat(played.state().routedTo()).as("routed to").isEqualTo(row.routedTo());
    }

    @ParameterizedTest(name = "died {0} ms before the read: fresh {1}")
    @org.junit.jupiter.params.provider.CsvSource({
        "0, true",
        "200, true",
        "1000, true",
        "1001, false",
        "5000, false",
        "-1, false"
    })
    void aDeathFencesAloneOnlyWhenTheKeyWasReadWithinASecondOfIt(long millisBefore, boolean fresh) {
        assertThat(SupervisorDecisions.freshDeath(NOW.minusMillis(millisBefore), NOW))
                .isEqualTo(fresh);
    }

    @Test
    void theHeartbeatSaysWhatTheSupervisorKnowsAndDidLast() {
        SupervisorState state = leading(policy(true, true));
        state = SupervisorDecisions.next(state, read("pg-0"), NOW).state();
        state = SupervisorDecisions.next(state, changed("pg-1"), NOW).state();
        List<SupervisorAction> actions = SupervisorDecisions.next(state, promoted("pg-1", true), NOW.plusMillis(40))
                .actions();

        Heartbeat published = actions.stream()
                .filter(SupervisorAction.PublishHeartbeat.class::isInstance)
                .map(a -> ((SupervisorAction.PublishHeartbeat) a).heartbeat())
                .findFirst()
                .orElseThrow();
        assertThat(published)
                .isEqualTo(new Heartbeat(
                        STARTED, Optional.of("pg-1"), true, true, "postgres", ROUTED_PG1, NOW.plusMillis(40)));
        assertThat(published.toJson())
                .isEqualTo("{\"state\":\"active\",\"startedAt\":\"2025-01-01T10:00:00Z\",\"leader\":\"pg-1\","
                        + "\"fence\":true,\"route\":true,\"promotionCheck\":\"postgres\",\"lastAction\":\"" + ROUTED_PG1
                        + "\","
                        + "\"lastActionAt\":\"2025-01-01T10:01:00.040Z\"}");
        assertThat(new Heartbeat(STARTED, Optional.empty(), true, false, "patroni", "started", STARTED).toJson())
                .contains("\"leader\":null", "\"route\":false", "\"promotionCheck\":\"patroni\"");
    }
}
