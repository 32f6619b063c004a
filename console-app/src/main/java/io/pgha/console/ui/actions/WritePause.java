package io.pgha.console.ui.actions;

import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.RouterBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long writes had nowhere to go during a change of primary, as the monitor's snapshots saw it: from the
 * first snapshot without a writable primary behind the router to the first one with it again. Snapshots
 * follow the DCS as it changes, so the leader key's release and its new holder are seen when they happen;
 * the router's side is seen at its polling interval.
 */
final class WritePause {

    private Optional<Instant> stopped = Optional.empty();
    private Optional<Instant> resumed = Optional.empty();

    void observe(ClusterSnapshot snapshot) {
        boolean writable = writable(snapshot);
        if (!writable && stopped.isEmpty()) {
            stopped = Optional.of(snapshot.takenAt());
        } else if (writable && stopped.isPresent() && resumed.isEmpty()) {
            resumed = Optional.of(snapshot.takenAt());
        }
    }

    /** The pause, once writes were seen to stop and to resume. */
    Optional<Duration> measured() {
        return stopped.flatMap(from -> resumed.map(to -> Duration.between(from, to)));
    }

    /** A running leader, and when the router's backends are known, the router sending writes to it. */
    static boolean writable(ClusterSnapshot s) {
        Optional<Member> leader = s.leaderMember().filter(Member::isRunning);
        if (leader.isEmpty()) {
            return false;
        }
        boolean routed = s.routerBackends().stream().noneMatch(b -> b.listener().equals(RouterBackend.WRITE_LISTENER))
                || s.routerBackends().stream()
                        .anyMatch(b -> b.listener().equals(RouterBackend.WRITE_LISTENER)
                                && b.server().equals(leader.get().name())
                                && b.status() == RouterBackend.Status.UP);
        return routed;
    }
}
