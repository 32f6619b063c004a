package io.pgha.runtime.drill;

import java.util.ArrayList;
import java.util.List;

/** Whether a host drill showed what a cluster across hosts must do (issue 20): a pure function of its result. */
public final class HostDrillVerdict {

    private HostDrillVerdict() {}

    public static List<String> failures(HostDrillResult r) {
        List<String> f = new ArrayList<>();
        if (r.lostWrites() > 0) {
            f.add(r.lostWrites() + " acknowledged writes lost");
        }
        if (r.splitBrainSamples() > 0) {
            f.add(r.splitBrainSamples() + " split-brain overlaps (two nodes writable at once)");
        }
        if (r.newLeaderHost().isEmpty()) {
            f.add("no new leader");
        } else if (r.newLeaderHost().get().equals(r.host())) {
            f.add("the leader is on the faulted host " + r.host() + " again, not on another host");
        }
        if (r.newLeaderAfter().isEmpty()) {
            f.add("no node on another host was seen accepting writes");
        }
        if (r.oldLeaderWritableAgain()) {
            f.add("the old primary " + r.oldLeader() + " accepted writes again after the fault");
        }
        if (r.scenario() == HostDrillScenario.HOST_PARTITION) {
            if (r.oldLeaderRefusedAfter().isEmpty()) {
                f.add("the isolated primary " + r.oldLeader() + " was never seen refusing writes");
            } else if (r.newLeaderAfter().isPresent()
                    && r.oldLeaderRefusedAfter()
                                    .get()
                                    .compareTo(r.newLeaderAfter().get())
                            >= 0) {
                f.add("the isolated primary " + r.oldLeader() + " still accepted writes when another node did");
            }
        }
        if (r.healedAfter().isEmpty()) {
            f.add(r.oldLeader() + " did not stream again after the heal");
        }
        return f;
    }
}
