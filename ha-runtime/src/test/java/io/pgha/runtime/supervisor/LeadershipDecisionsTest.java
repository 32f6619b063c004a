package io.pgha.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.dcs.LeaderKey;
import io.pgha.runtime.supervisor.SupervisorEvent.ClusterRead;
import io.pgha.runtime.supervisor.SupervisorEvent.ContainerDied;
import io.pgha.runtime.supervisor.SupervisorEvent.ContainerInspected;
import io.pgha.runtime.supervisor.SupervisorEvent.HeartbeatDue;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyChanged;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyChecked;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyDeleted;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyRead;
import io.pgha.runtime.supervisor.SupervisorEvent.LeadershipChanged;
import io.pgha.runtime.supervisor.SupervisorEvent.PromotionAwaited;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Leadership among supervisors in the decisions (docs/decisions/0035), as tables: a supervisor starts as a standby, and
 * the events include its lease taken ({@code lead(n)}) or lost ({@code lose()}) where the loop would decide them —
 * before the next event or answer. Members pg-0, pg-1, pg-2; pg-0 leads at first.
 */
class LeadershipDecisionsTest {

    private static final Instant STARTED = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant NOW = STARTED.plusSeconds(60);
    private static final List<String> MEMBERS = List.of("pg-0", "pg-1", "pg-2");
    private static final String LEADING_7 =
            "log: leading the supervisors (lease tenure 7): this supervisor fences and routes";
    private static final String LOST_7 =
            "warn: standby: lost the supervisors' lease (tenure 7); acting on nothing until this supervisor holds it again";

    private static final String ROUTE_PG0 = "router: primary/pg-0 up, primary/pg-1 down, shut primary/pg-1, "
            + "primary/pg-2 down, shut primary/pg-2, replicas/pg-0 down";
    private static final String ROUTE_PG1 = "router: primary/pg-1 up, primary/pg-0 down, shut primary/pg-0, "
            + "primary/pg-2 down, shut primary/pg-2, replicas/pg-1 down";

    private static SupervisorState standby() {
        return SupervisorState.initial(
                new SupervisorState.Policy(MEMBERS, true, true, "postgres", Duration.ofSeconds(15), STARTED));
    }

    record Row(String name, List<SupervisorEvent> events, List<String> actions, Optional<Long> tenure) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Row row(String name, List<SupervisorEvent> events, List<String> actions, Long tenure) {
        return new Row(name, events, actions, Optional.ofNullable(tenure));
    }

    private static SupervisorEvent lead(long tenure) {
        return new LeadershipChanged(Optional.of(tenure));
    }

    private static SupervisorEvent lose() {
        return new LeadershipChanged(Optional.empty());
    }

    private static LeaderKey.Holder key(String holder, long modRevision) {
        return new LeaderKey.Holder(Optional.ofNullable(holder), modRevision, holder == null ? 0 : modRevision);
    }

    private static final SupervisorEvent READ_PG0 = new LeaderKeyRead(key("pg-0", 10));
    private static final SupervisorEvent DIED_PG0 = new ContainerDied("pg-0");
    private static final SupervisorEvent CHECKED_PG0 = new LeaderKeyChecked("pg-0", key("pg-0", 10));
    private static final SupervisorEvent GONE_PG0 = new ContainerInspected("pg-0", 10, true);

    static Stream<Row> rows() {
        return Stream.of(
                row(
                        "not leader: a whole failover seen, no effects (no delete, no router command, no heartbeat)",
                        List.of(
                                READ_PG0,
                                DIED_PG0,
                                CHECKED_PG0,
                                GONE_PG0,
                                new LeaderKeyDeleted("pg-0", true),
                                new LeaderKeyChanged(key(null, 20)),
                                new LeaderKeyChanged(key("pg-1", 21)),
                                new PromotionAwaited("pg-1", true),
                                new HeartbeatDue()),
                        List.of(),
                        null),
                row(
                        "takes the lease: says so, publishes its heartbeat, then fences on its tenure",
                        List.of(READ_PG0, lead(7), DIED_PG0, CHECKED_PG0, GONE_PG0),
                        List.of(
                                LEADING_7,
                                "heartbeat: started",
                                "read key (leading)",
                                "read key (pg-0 died)",
                                "inspect pg-0",
                                "delete key if pg-0@10 on tenure 7"),
                        7L),
                row(
                        "lost the lease mid-decision, before Docker's answer: no delete",
                        List.of(READ_PG0, lead(7), DIED_PG0, CHECKED_PG0, lose(), GONE_PG0),
                        List.of(
                                LEADING_7,
                                "heartbeat: started",
                                "read key (leading)",
                                "read key (pg-0 died)",
                                "inspect pg-0",
                                LOST_7),
                        null),
                row(
                        "lost the lease after the delete was decided: the answer moves no traffic",
                        List.of(
                                READ_PG0,
                                lead(7),
                                DIED_PG0,
                                CHECKED_PG0,
                                GONE_PG0,
                                lose(),
                                new LeaderKeyDeleted("pg-0", false)),
                        List.of(
                                LEADING_7,
                                "heartbeat: started",
                                "read key (leading)",
                                "read key (pg-0 died)",
                                "inspect pg-0",
                                "delete key if pg-0@10 on tenure 7",
                                LOST_7),
                        null),
                row(
                        "lost the lease while a promotion was awaited: no routing",
                        List.of(
                                READ_PG0,
                                lead(7),
                                new LeaderKeyChanged(key("pg-1", 21)),
                                lose(),
                                new PromotionAwaited("pg-1", true)),
                        List.of(
                                LEADING_7,
                                "heartbeat: started",
                                "read key (leading)",
                                "log: leader key changed: pg-0 -> pg-1",
                                "await writes on pg-1",
                                LOST_7),
                        null),
                row(
                        "a standby keeps up with the leader key, and once it leads routes the next change from what it knows",
                        List.of(
                                READ_PG0,
                                new LeaderKeyChanged(key("pg-1", 21)),
                                lead(7),
                                new LeaderKeyChanged(key("pg-2", 30)),
                                new PromotionAwaited("pg-2", true)),
                        List.of(
                                LEADING_7,
                                "heartbeat: started",
                                "read key (leading)",
                                "log: leader key changed: pg-1 -> pg-2",
                                "await writes on pg-2",
                                "router: primary/pg-2 up, primary/pg-0 down, shut primary/pg-0, primary/pg-1 down, "
                                        + "shut primary/pg-1, replicas/pg-2 down",
                                "log: routed writes to pg-2: its PostgreSQL accepts writes",
                                "heartbeat: routed writes to pg-2: its PostgreSQL accepts writes"),
                        7L),
                row(
                        "the same tenure said again changes nothing",
                        List.of(lead(7), lead(7)),
                        List.of(LEADING_7, "heartbeat: started", "read key (leading)"),
                        7L),
                row(
                        "taking the lease it reads the leader key again and routes writes to its holder",
                        List.of(
                                READ_PG0,
                                lead(7),
                                new ClusterRead(key("pg-0", 10)),
                                new ContainerInspected("pg-0", 10, false, true),
                                new PromotionAwaited("pg-0", true)),
                        List.of(
                                LEADING_7,
                                "heartbeat: started",
                                "read key (leading)",
                                "inspect pg-0",
                                "log: leading: the leader key names pg-0; routing writes to it",
                                "await writes on pg-0",
                                ROUTE_PG0,
                                "log: routed writes to pg-0: its PostgreSQL accepts writes",
                                "heartbeat: routed writes to pg-0: its PostgreSQL accepts writes"),
                        7L),
                row(
                        "taking the lease while the holder's container is gone (it died while no supervisor led): fenced",
                        List.of(
                                lead(7),
                                new ClusterRead(key("pg-0", 10)),
                                new ContainerInspected("pg-0", 10, true, true),
                                new LeaderKeyDeleted("pg-0", true)),
                        List.of(
                                LEADING_7,
                                "heartbeat: started",
                                "read key (leading)",
                                "inspect pg-0",
                                "warn: leading: the leader key names pg-0 but its container is not running; fencing it",
                                "delete key if pg-0@10 on tenure 7",
                                "log: fenced pg-0: its container stopped, leader key released",
                                "heartbeat: fenced pg-0: its container stopped, leader key released",
                                "router: primary/pg-0 down"),
                        7L),
                row(
                        "quorum loss: routed to pg-0, lost the lease, a switchover seen as a standby, the lease taken"
                                + " back: routes to pg-1",
                        List.of(
                                lead(7),
                                new ClusterRead(key("pg-0", 10)),
                                new ContainerInspected("pg-0", 10, false, true),
                                new PromotionAwaited("pg-0", true),
                                lose(),
                                new LeaderKeyChanged(key("pg-1", 21)),
                                new HeartbeatDue(),
                                lead(9),
                                new ClusterRead(key("pg-1", 21)),
                                new ContainerInspected("pg-1", 21, false, true),
                                new PromotionAwaited("pg-1", true)),
                        List.of(
                                LEADING_7,
                                "heartbeat: started",
                                "read key (leading)",
                                "inspect pg-0",
                                "log: leading: the leader key names pg-0; routing writes to it",
                                "await writes on pg-0",
                                ROUTE_PG0,
                                "log: routed writes to pg-0: its PostgreSQL accepts writes",
                                "heartbeat: routed writes to pg-0: its PostgreSQL accepts writes",
                                LOST_7,
                                "log: leading the supervisors (lease tenure 9): this supervisor fences and routes",
                                "heartbeat: routed writes to pg-0: its PostgreSQL accepts writes",
                                "read key (leading)",
                                "inspect pg-1",
                                "log: leading: the leader key names pg-1; routing writes to it",
                                "await writes on pg-1",
                                ROUTE_PG1,
                                "log: routed writes to pg-1: its PostgreSQL accepts writes",
                                "heartbeat: routed writes to pg-1: its PostgreSQL accepts writes"),
                        9L),
                row(
                        "lease taken back with the same leader: the routing is applied again, not skipped",
                        List.of(
                                lead(7),
                                new ClusterRead(key("pg-0", 10)),
                                new ContainerInspected("pg-0", 10, false, true),
                                new PromotionAwaited("pg-0", true),
                                lose(),
                                lead(9),
                                new ClusterRead(key("pg-0", 10)),
                                new ContainerInspected("pg-0", 10, false, true)),
                        List.of(
                                LEADING_7,
                                "heartbeat: started",
                                "read key (leading)",
                                "inspect pg-0",
                                "log: leading: the leader key names pg-0; routing writes to it",
                                "await writes on pg-0",
                                ROUTE_PG0,
                                "log: routed writes to pg-0: its PostgreSQL accepts writes",
                                "heartbeat: routed writes to pg-0: its PostgreSQL accepts writes",
                                LOST_7,
                                "log: leading the supervisors (lease tenure 9): this supervisor fences and routes",
                                "heartbeat: routed writes to pg-0: its PostgreSQL accepts writes",
                                "read key (leading)",
                                "inspect pg-0",
                                "log: leading: the leader key names pg-0; routing writes to it",
                                "await writes on pg-0"),
                        9L),
                row(
                        "the read after taking the lease failed (no answer): the next heartbeat reads again",
                        List.of(
                                lead(7),
                                new HeartbeatDue(),
                                new ClusterRead(key("pg-1", 21)),
                                new ContainerInspected("pg-1", 21, false, true),
                                new HeartbeatDue()),
                        List.of(
                                LEADING_7,
                                "heartbeat: started",
                                "read key (leading)",
                                "read key (leading)",
                                "heartbeat: started",
                                "inspect pg-1",
                                "log: leading: the leader key names pg-1; routing writes to it",
                                "await writes on pg-1",
                                "heartbeat: started",
                                "read lease"),
                        7L),
                row(
                        "taking the lease while nobody holds the leader key: nothing to route yet",
                        List.of(lead(7), new ClusterRead(key(null, 20))),
                        List.of(
                                LEADING_7,
                                "heartbeat: started",
                                "read key (leading)",
                                "log: leading: nobody holds the leader key; writes are routed to the next leader when"
                                        + " it takes it"),
                        7L),
                row(
                        "a standby ignores a read answered after it lost the lease",
                        List.of(
                                lead(7),
                                lose(),
                                new ClusterRead(key("pg-1", 21)),
                                new ContainerInspected("pg-1", 21, false, true),
                                new PromotionAwaited("pg-1", true)),
                        List.of(LEADING_7, "heartbeat: started", "read key (leading)", LOST_7),
                        null));
    }

    private static List<String> render(List<SupervisorAction> actions) {
        return actions.stream()
                .map(a -> a instanceof SupervisorAction.DeleteLeaderKey d
                        ? Render.action(a) + " on tenure " + d.tenure()
                        : Render.action(a))
                .toList();
    }

    private static List<SupervisorAction> run(
            SupervisorState start, List<SupervisorEvent> events, SupervisorState[] end) {
        Played played = Played.from(start, events, NOW);
        end[0] = played.state();
        return played.actions();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(Row row) {
        SupervisorState[] end = new SupervisorState[1];
        List<SupervisorAction> actions = run(standby(), row.events(), end);

        assertThat(render(actions)).containsExactlyElementsOf(row.actions());
        assertThat(end[0].tenure()).as("tenure").isEqualTo(row.tenure());
    }

    @Test
    void twoSupervisorsSeeingTheSameEventsOnlyOneActs() {
        List<SupervisorEvent> failover = List.of(
                READ_PG0,
                DIED_PG0,
                CHECKED_PG0,
                GONE_PG0,
                new LeaderKeyDeleted("pg-0", true),
                new LeaderKeyChanged(key(null, 20)),
                new LeaderKeyChanged(key("pg-1", 21)),
                new PromotionAwaited("pg-1", true),
                new HeartbeatDue());
        SupervisorState[] end = new SupervisorState[1];
        SupervisorState leader =
                SupervisorDecisions.next(standby(), lead(7), STARTED).state();

        List<SupervisorAction> byLeader = run(leader, failover, end);
        List<SupervisorAction> byStandby = run(standby(), failover, end);

        assertThat(byStandby).isEmpty();
        assertThat(byLeader)
                .filteredOn(a -> a instanceof SupervisorAction.DeleteLeaderKey)
                .singleElement()
                .isEqualTo(new SupervisorAction.DeleteLeaderKey("pg-0", 10, 7));
        assertThat(byLeader)
                .filteredOn(a -> a instanceof SupervisorAction.RouterCommands)
                .hasSize(3);
        assertThat(end[0].leader()).as("the standby knows who leads").contains("pg-1");
    }
}
