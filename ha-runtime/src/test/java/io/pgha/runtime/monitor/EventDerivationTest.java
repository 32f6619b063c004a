package io.pgha.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.model.ClusterEvent.Kind;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Health;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.model.RouterBackend.Status;
import io.pgha.runtime.model.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class EventDerivationTest {

    private static final long THRESHOLD = 1024 * 1024;
    private EventDerivation.Memory memory;

    /** Feeds the snapshots in order; returns every event derived after the first. */
    private List<ClusterEvent> run(ClusterSnapshot... snapshots) {
        List<ClusterEvent> events = new ArrayList<>();
        for (ClusterSnapshot s : snapshots) {
            if (memory == null) {
                memory = EventDerivation.initial(s, THRESHOLD);
                continue;
            }
            EventDerivation.Result r = EventDerivation.derive(memory, s, THRESHOLD);
            memory = r.memory();
            events.addAll(r.events());
        }
        return events;
    }

    private static List<Kind> kinds(List<ClusterEvent> events) {
        return events.stream().map(ClusterEvent::kind).toList();
    }

    @Test
    void aFirstSnapshotSaysNothingAndAnUnchangedOneNeither() {
        assertThat(run(Snapshots.healthy().build(), Snapshots.healthy().later(2).build()))
                .isEmpty();
    }

    @Test
    void theWalArchiveFailingAndResumingAreEventsOnceEachAndASnapshotWithoutTheCheckSaysNothing() {
        List<ClusterEvent> events = run(
                Snapshots.healthy().archive(false).build(),
                Snapshots.healthy().later(1).archive(true).build(),
                Snapshots.healthy().later(2).archive(true).build(),
                Snapshots.healthy().later(3).build(),
                Snapshots.healthy().later(4).archive(false).build(),
                Snapshots.healthy().later(5).archive(false).build());

        assertThat(events)
                .extracting(ClusterEvent::kind, ClusterEvent::severity, ClusterEvent::subject)
                .containsExactly(
                        tuple(ClusterEvent.Kind.ARCHIVE_FAILING, ClusterEvent.Severity.CRITICAL, "pg-0"),
                        tuple(ClusterEvent.Kind.ARCHIVE_RESUMED, ClusterEvent.Severity.INFO, "pg-0"));
        assertThat(events.get(0).message()).startsWith("WAL archive failing: archive_command failing");
    }

    @Test
    void aNewPrimarysFirstArchiveCheckIsItsBaselineNotAResumption() {
        assertThat(run(
                        Snapshots.healthy().archive("pg-0", true).build(),
                        Snapshots.healthy().later(1).archive("pg-1", false).build(),
                        Snapshots.healthy().later(2).archive("pg-1", true).build()))
                .extracting(ClusterEvent::kind, ClusterEvent::subject)
                .containsExactly(tuple(ClusterEvent.Kind.ARCHIVE_FAILING, "pg-1"));
    }

    @Test
    void aFailingArchiveSeenFirstIsTheBaseline() {
        assertThat(run(
                        Snapshots.healthy().archive(true).build(),
                        Snapshots.healthy().later(1).archive(true).build()))
                .isEmpty();
    }

    @Test
    void killedPrimaryReadsContainerDiedThenLeaderChangedOnTheNewTimelineThenRouter() {
        ClusterSnapshot healthy = Snapshots.healthy().build();
        ClusterSnapshot died = Snapshots.healthy()
                .later(1)
                .container("pg-0", "exited", 0, "2026-01-01T00:00:00Z")
                .backend("primary", "pg-0", Status.DOWN)
                .build();
        ClusterSnapshot keyExpired = Snapshots.healthy()
                .later(20)
                .container("pg-0", "exited", 0, "2026-01-01T00:00:00Z")
                .backend("primary", "pg-0", Status.DOWN)
                .leader(null)
                .without("pg-0")
                .build();
        // pg-1 took the key; its DCS key still shows the old timeline and HAProxy already routes to it
        ClusterSnapshot tookKey = Snapshots.healthy()
                .later(21)
                .container("pg-0", "exited", 0, "2026-01-01T00:00:00Z")
                .backend("primary", "pg-0", Status.DOWN)
                .backend("primary", "pg-1", Status.UP)
                .leader("pg-1")
                .without("pg-0")
                .member("pg-1", Role.LEADER, "running", 5, OptionalLong.empty())
                .build();
        ClusterSnapshot promoted = Snapshots.healthy()
                .later(22)
                .container("pg-0", "exited", 0, "2026-01-01T00:00:00Z")
                .backend("primary", "pg-0", Status.DOWN)
                .backend("primary", "pg-1", Status.UP)
                .leader("pg-1")
                .without("pg-0")
                .member("pg-1", Role.LEADER, "running", 6, OptionalLong.empty())
                .build();

        List<ClusterEvent> events = run(healthy, died, keyExpired, tookKey, promoted);

        assertThat(kinds(events))
                .containsSubsequence(
                        Kind.CONTAINER_DIED, Kind.LEADER_CHANGED, Kind.LEADER_CHANGED, Kind.ROUTER_BACKEND_UP);
        ClusterEvent lost = events.stream()
                .filter(e -> e.kind() == Kind.LEADER_CHANGED)
                .findFirst()
                .orElseThrow();
        assertThat(lost.details()).containsEntry("old", "pg-0").containsEntry("new", "");
        ClusterEvent changed = events.stream()
                .filter(e -> e.kind() == Kind.LEADER_CHANGED)
                .skip(1)
                .findFirst()
                .orElseThrow();
        assertThat(changed.details())
                .containsEntry("old", "pg-0")
                .containsEntry("new", "pg-1")
                .containsEntry("timeline", "6");
        assertThat(changed.at()).as("reported once promoted").isEqualTo(promoted.takenAt());
        ClusterEvent routed = events.stream()
                .filter(e -> e.kind() == Kind.ROUTER_BACKEND_UP)
                .findFirst()
                .orElseThrow();
        assertThat(routed.subject()).isEqualTo("primary/pg-1");
        assertThat(events.indexOf(routed))
                .as("the router change follows the leader change")
                .isGreaterThan(events.indexOf(changed));
        assertThat(kinds(events)).contains(Kind.MEMBER_LEFT, Kind.ROLE_CHANGED, Kind.ROUTER_BACKEND_DOWN);
        assertThat(events.get(0).kind()).isEqualTo(Kind.CONTAINER_DIED);
        assertThat(events.get(0).details()).containsEntry("exitCode", "137");
    }

    @Test
    void aLeaderThatNeverShowsANewTimelineIsReportedAfterTheGrace() {
        ClusterSnapshot healthy = Snapshots.healthy().build();
        ClusterSnapshot tookKey = Snapshots.healthy()
                .later(1)
                .leader("pg-1")
                .member("pg-1", Role.LEADER, "running", 5, OptionalLong.empty())
                .member("pg-0", Role.REPLICA, "running", 5, OptionalLong.empty())
                .build();
        ClusterSnapshot stillOld = Snapshots.healthy()
                .later(1 + EventDerivation.PROMOTION_GRACE.toSeconds())
                .leader("pg-1")
                .member("pg-1", Role.LEADER, "running", 5, OptionalLong.empty())
                .member("pg-0", Role.REPLICA, "running", 5, OptionalLong.empty())
                .build();
        assertThat(kinds(run(healthy, tookKey))).doesNotContain(Kind.LEADER_CHANGED);
        assertThat(kinds(run(stillOld))).contains(Kind.LEADER_CHANGED);
    }

    @Test
    void restartedOldPrimaryJoinsAndThenStreams() {
        ClusterSnapshot without = Snapshots.healthy()
                .leader("pg-1")
                .without("pg-0")
                .member("pg-1", Role.LEADER, "running", 6, OptionalLong.empty())
                .container("pg-0", "exited", 0, "2026-01-01T00:00:00Z")
                .build();
        ClusterSnapshot started = Snapshots.healthy()
                .later(1)
                .leader("pg-1")
                .without("pg-0")
                .member("pg-1", Role.LEADER, "running", 6, OptionalLong.empty())
                .container("pg-0", "running", 0, "2026-01-01T00:05:00Z")
                .build();
        ClusterSnapshot joined = Snapshots.healthy()
                .later(3)
                .leader("pg-1")
                .member("pg-1", Role.LEADER, "running", 6, OptionalLong.empty())
                .member("pg-0", Role.REPLICA, "starting", 5, OptionalLong.empty())
                .container("pg-0", "running", 0, "2026-01-01T00:05:00Z")
                .build();
        ClusterSnapshot streaming = Snapshots.healthy()
                .later(6)
                .leader("pg-1")
                .member("pg-1", Role.LEADER, "running", 6, OptionalLong.empty())
                .member("pg-0", Role.REPLICA, "streaming", 6, OptionalLong.of(0))
                .container("pg-0", "running", 0, "2026-01-01T00:05:00Z")
                .build();
        List<ClusterEvent> events = run(without, started, joined, streaming);
        assertThat(kinds(events))
                .containsExactly(Kind.CONTAINER_STARTED, Kind.MEMBER_JOINED, Kind.MEMBER_STATE_CHANGED);
        assertThat(events.get(2).details()).containsEntry("old", "starting").containsEntry("new", "streaming");
    }

    @Test
    void lagOverTheThresholdAndBackEvenThroughAnUnknownLag() {
        ClusterSnapshot healthy = Snapshots.healthy().build();
        ClusterSnapshot behind = Snapshots.healthy()
                .later(1)
                .member("pg-2", Role.REPLICA, "streaming", 5, OptionalLong.of(5 * THRESHOLD))
                .build();
        ClusterSnapshot stillBehind = Snapshots.healthy()
                .later(2)
                .member("pg-2", Role.REPLICA, "streaming", 5, OptionalLong.of(4 * THRESHOLD))
                .build();
        ClusterSnapshot unknown = Snapshots.healthy()
                .later(3)
                .member("pg-2", Role.REPLICA, "streaming", 5, OptionalLong.empty())
                .build();
        ClusterSnapshot caughtUp = Snapshots.healthy().later(4).build();
        List<ClusterEvent> events = run(healthy, behind, stillBehind, unknown, caughtUp);
        assertThat(kinds(events)).containsExactly(Kind.LAG_HIGH, Kind.LAG_RECOVERED);
        assertThat(events.get(0).subject()).isEqualTo("pg-2");
        assertThat(events.get(0).details()).containsEntry("lagBytes", String.valueOf(5 * THRESHOLD));
    }

    @Test
    void etcdMemberDownThenQuorumLostThenBack() {
        ClusterSnapshot healthy = Snapshots.healthy().build();
        ClusterSnapshot oneDown =
                Snapshots.healthy().later(1).etcd("etcd-3", Health.DOWN).build();
        ClusterSnapshot twoDown = Snapshots.healthy()
                .later(2)
                .etcd("etcd-3", Health.DOWN)
                .etcd("etcd-2", Health.DOWN)
                .build();
        ClusterSnapshot unknown = Snapshots.healthy()
                .later(3)
                .etcd("etcd-3", Health.UNKNOWN)
                .etcd("etcd-2", Health.DOWN)
                .build();
        ClusterSnapshot back = Snapshots.healthy().later(4).build();
        List<ClusterEvent> events = run(healthy, oneDown, twoDown, unknown, back);
        assertThat(kinds(events))
                .containsExactly(
                        Kind.ETCD_MEMBER_DOWN,
                        Kind.ETCD_MEMBER_DOWN,
                        Kind.QUORUM_LOST,
                        Kind.ETCD_MEMBER_UP,
                        Kind.ETCD_MEMBER_UP,
                        Kind.QUORUM_REGAINED);
        assertThat(events.get(0).subject()).isEqualTo("etcd-3");
    }

    @Test
    void membersNotYetCheckedAtStartDecideNoQuorumSoNoneIsRegained() {
        ClusterSnapshot nothingYet = Snapshots.healthy()
                .etcd("etcd-1", Health.UNKNOWN)
                .etcd("etcd-2", Health.UNKNOWN)
                .etcd("etcd-3", Health.UNKNOWN)
                .build();
        ClusterSnapshot oneAnswered = Snapshots.healthy()
                .later(1)
                .etcd("etcd-2", Health.UNKNOWN)
                .etcd("etcd-3", Health.UNKNOWN)
                .build();
        ClusterSnapshot oneDownOneUnchecked = Snapshots.healthy()
                .later(2)
                .etcd("etcd-2", Health.DOWN)
                .etcd("etcd-3", Health.UNKNOWN)
                .build();
        ClusterSnapshot allUp = Snapshots.healthy().later(3).build();

        assertThat(kinds(run(nothingYet, oneAnswered, oneDownOneUnchecked, allUp)))
                .doesNotContain(Kind.QUORUM_LOST, Kind.QUORUM_REGAINED);
    }

    @Test
    void aQuorumLostWhileMembersWereStillBeingCheckedIsReportedOnceItIsProven() {
        ClusterSnapshot oneAnswered = Snapshots.healthy()
                .etcd("etcd-2", Health.UNKNOWN)
                .etcd("etcd-3", Health.UNKNOWN)
                .build();
        ClusterSnapshot allUp = Snapshots.healthy().later(1).build();
        ClusterSnapshot twoDown = Snapshots.healthy()
                .later(2)
                .etcd("etcd-2", Health.DOWN)
                .etcd("etcd-3", Health.DOWN)
                .build();

        assertThat(kinds(run(oneAnswered, allUp, twoDown))).containsSubsequence(Kind.QUORUM_LOST);
    }

    @Test
    void aSourceGoingDarkMakesNobodyLeaveAndNothingGoDown() {
        ClusterSnapshot healthy = Snapshots.healthy().build();
        ClusterSnapshot dark = Snapshots.healthy()
                .later(1)
                .leader(null)
                .without("pg-0")
                .without("pg-1")
                .without("pg-2")
                .source(Source.DCS, false, "etcd unavailable")
                .source(Source.PATRONI, false, "no answer")
                .source(Source.ROUTER, false, "no answer")
                .backend("primary", "pg-0", Status.UNKNOWN)
                .source(Source.DOCKER, false, "no answer")
                .container("pg-0", "exited", 0, "2026-01-01T00:00:00Z")
                .build();
        ClusterSnapshot back = Snapshots.healthy().later(2).build();
        List<ClusterEvent> events = run(healthy, dark, back);
        assertThat(kinds(events))
                .containsExactly(
                        Kind.SOURCE_UNAVAILABLE,
                        Kind.SOURCE_UNAVAILABLE,
                        Kind.SOURCE_UNAVAILABLE,
                        Kind.SOURCE_UNAVAILABLE,
                        Kind.SOURCE_RECOVERED,
                        Kind.SOURCE_RECOVERED,
                        Kind.SOURCE_RECOVERED,
                        Kind.SOURCE_RECOVERED);
    }

    @Test
    void aRouterChangeSeenOnlyAfterAnOutageIsStillReported() {
        ClusterSnapshot healthy = Snapshots.healthy().build();
        ClusterSnapshot dark = Snapshots.healthy()
                .later(1)
                .source(Source.ROUTER, false, "no answer")
                .build();
        ClusterSnapshot changed = Snapshots.healthy()
                .later(2)
                .backend("replicas", "pg-2", Status.DOWN)
                .build();
        assertThat(kinds(run(healthy, dark, changed)))
                .containsExactly(Kind.SOURCE_UNAVAILABLE, Kind.SOURCE_RECOVERED, Kind.ROUTER_BACKEND_DOWN);
    }

    @Test
    void aContainerRestartedBetweenTwoLooksIsARestart() {
        ClusterSnapshot healthy = Snapshots.healthy().build();
        ClusterSnapshot restarted = Snapshots.healthy()
                .later(5)
                .container("etcd-2", "running", 1, "2026-01-01T00:00:04Z")
                .build();
        List<ClusterEvent> events = run(healthy, restarted);
        assertThat(kinds(events)).containsExactly(Kind.CONTAINER_RESTARTED);
        assertThat(events.get(0).details()).containsEntry("restartCount", "1");
    }

    @Test
    void pauseAndResume() {
        assertThat(kinds(run(
                        Snapshots.healthy().build(),
                        Snapshots.healthy().paused(true).build(),
                        Snapshots.healthy().build())))
                .containsExactly(Kind.PAUSED, Kind.RESUMED);
    }

    @Test
    void sourcesThatAreNotConfiguredNeverComeAndGo() {
        ClusterSnapshot a = Snapshots.healthy()
                .source(Source.DOCKER, false, "not configured: no docker")
                .build();
        ClusterSnapshot b = Snapshots.healthy()
                .later(1)
                .source(Source.DOCKER, false, "not configured: no docker")
                .build();
        assertThat(run(a, b)).isEmpty();
    }

    private static Snapshots onThreeHosts(long seconds, String h2State) {
        return Snapshots.healthy()
                .later(seconds)
                .host("pgha-th-1", "ready", "etcd-1", "pg-0", "router", "supervisor")
                .host("pgha-th-2", h2State, "etcd-2", "pg-1", "router")
                .host("pgha-th-3", "ready", "etcd-3", "pg-2", "router");
    }

    @Test
    void aHostGoingDownAndComingBackIsTwoEventsNamingItsMembers() {
        List<ClusterEvent> events = run(
                onThreeHosts(0, "ready").build(),
                onThreeHosts(5, "ready").build(),
                onThreeHosts(20, "down").build(),
                onThreeHosts(25, "down").build(),
                onThreeHosts(60, "ready").build());

        assertThat(kinds(events)).containsExactly(Kind.HOST_DOWN, Kind.HOST_UP);
        ClusterEvent down = events.get(0);
        assertThat(down.subject()).isEqualTo("pgha-th-2");
        assertThat(down.severity()).isEqualTo(ClusterEvent.Severity.CRITICAL);
        assertThat(down.message()).isEqualTo("host pgha-th-2 is down (was ready): etcd-2, pg-1, router unreachable");
        assertThat(down.details())
                .containsEntry("old", "ready")
                .containsEntry("new", "down")
                .containsEntry("members", "etcd-2,pg-1,router")
                .containsEntry("address", "192.168.241.12");
        ClusterEvent up = events.get(1);
        assertThat(up.subject()).isEqualTo("pgha-th-2");
        assertThat(up.severity()).isEqualTo(ClusterEvent.Severity.INFO);
        assertThat(up.message()).isEqualTo("host pgha-th-2 is ready again (was down)");
    }

    @Test
    void theSwarmNotAnsweringSaysNothingAboutItsHostsAndItsAnswerIsComparedWithTheLastKnown() {
        ClusterSnapshot dark = onThreeHosts(10, "ready")
                .source(Source.SWARM, false, "connection refused")
                .build();
        ClusterSnapshot darkWithoutHosts = io.pgha.runtime.testsupport.SnapshotBuilder.from(dark)
                .hosts(List.of())
                .build();
        List<ClusterEvent> events = run(
                onThreeHosts(0, "ready").build(),
                darkWithoutHosts,
                onThreeHosts(30, "down").build());

        assertThat(kinds(events)).containsExactly(Kind.SOURCE_UNAVAILABLE, Kind.SOURCE_RECOVERED, Kind.HOST_DOWN);
    }

    @Test
    void aHostFirstSeenDownOrMovingBetweenTwoNotReadyStatesIsNoEvent() {
        assertThat(run(
                        onThreeHosts(0, "down").build(),
                        onThreeHosts(10, "disconnected").build(),
                        onThreeHosts(20, "down").build()))
                .isEmpty();
    }

    @Test
    void aClusterOnOneEngineHasNoHostsAndNoHostEvents() {
        assertThat(run(Snapshots.healthy().build(), Snapshots.healthy().later(5).build()))
                .isEmpty();
    }
}
