package io.pgha.runtime.ops;

import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.patroni.PatroniNode;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;

/** The facts executions confirm outcomes with, and how they describe what they last saw. */
final class MemberStates {

    private MemberStates() {}

    /** A leader that runs, or a replica that streams: the member does its job. */
    static boolean serving(PatroniNode n) {
        return n.role().isLeader() ? "running".equals(n.state()) : "streaming".equals(n.displayState());
    }

    static boolean serving(ClusterSnapshot s, String member) {
        Optional<Member> m = s.member(member);
        boolean leads = s.leader().map(member::equals).orElse(false);
        return m.isPresent() && (leads ? m.get().isRunning() : m.get().isStreaming());
    }

    /** PostgreSQL on the member started after the given moment (any start counts when it is unknown). */
    static boolean startedSince(PatroniNode n, Optional<Instant> before) {
        return n.postmasterStartTime().isPresent()
                && before.map(b -> n.postmasterStartTime().get().isAfter(b)).orElse(true);
    }

    static int timeline(ClusterSnapshot s, String member) {
        return s.member(member)
                .flatMap(
                        m -> m.timeline().isPresent() ? Optional.of(m.timeline().getAsInt()) : Optional.empty())
                .orElse(0);
    }

    /** "leader pg-0; pg-0 running TL 3, pg-1 streaming TL 3, …" */
    static String describe(ClusterSnapshot s) {
        return "leader " + s.leader().orElse("none") + "; "
                + s.members().stream()
                        .map(m -> m.name() + " " + m.state()
                                + (m.timeline().isPresent()
                                        ? " TL " + m.timeline().getAsInt()
                                        : ""))
                        .collect(Collectors.joining(", "));
    }

    static String describe(Optional<PatroniNode> n) {
        return n.map(x -> x.displayState() + ", " + x.role().patroniName() + ", postmaster started "
                        + x.postmasterStartTime().map(Instant::toString).orElse("unknown"))
                .orElse("no answer from its REST API");
    }
}
