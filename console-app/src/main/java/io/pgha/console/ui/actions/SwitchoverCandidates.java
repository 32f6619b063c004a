package io.pgha.console.ui.actions;

import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.ops.Candidates;
import java.util.List;
import java.util.Optional;

/**
 * The candidate picker's list: the runtime's own ranking and rules ({@link Candidates}, what {@code pgha switchover}
 * applies), each member with the reason it cannot be chosen, if any, without its name (the row shows it).
 */
public final class SwitchoverCandidates {

    private SwitchoverCandidates() {
    }

    /** Every member but the leader, the best eligible one first, ineligible ones last. */
    public static List<Candidate> rank(ClusterSnapshot snapshot) {
        return Candidates.rank(snapshot).stream().map(r -> candidate(r.member(), r.whyNot())).toList();
    }

    public static Optional<Candidate> best(ClusterSnapshot snapshot) {
        return rank(snapshot).stream().filter(Candidate::eligible).findFirst();
    }

    private static Candidate candidate(Member m, Optional<String> whyNot) {
        return new Candidate(m.name(), m.role(), m.state(), m.lagBytes(),
                whyNot.map(w -> w.startsWith(m.name() + " ") ? w.substring(m.name().length() + 1) : w));
    }
}
