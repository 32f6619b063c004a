package io.pgha.runtime.drill;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.swarm.SwarmTask;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which host a host drill faults and through which surviving host it writes: a pure decision. */
public final class HostDrillPlan {

    /**
     * @param host        the primary's node, the one the fault hits
     * @param via         a surviving node whose router the writers use
     * @param viaAddress  that node's address
     * @param patroniUrls the members' Patroni URLs, the faulted host's last (a dead host's URL costs a timeout)
     */
    public record Aim(String host, String via, String viaAddress, Map<String, String> patroniUrls) {}

    private HostDrillPlan() {}

    /**
     * Whether Swarm has settled after a host came back: every task it wants running is running on a node (the
     * replacements it queued for a node it believed lost have started), none it wants shut down still runs on
     * {@code node} (the members that kept running through a partition are replaced, docs/decisions/0042), and
     * {@code node} runs tasks again. {@code node} is the node's id, as the tasks name it.
     */
    public static boolean settled(List<SwarmTask> tasks, String node) {
        List<SwarmTask> wanted =
                tasks.stream().filter(t -> t.desired().equals("running")).toList();
        return wanted.stream()
                        .allMatch(t -> t.state().equals("running") && t.node().isPresent())
                && wanted.stream().anyMatch(t -> t.node().filter(node::equals).isPresent())
                && tasks.stream()
                        .noneMatch(t -> !t.desired().equals("running")
                                && t.node().filter(node::equals).isPresent()
                                && t.state().equals("running"));
    }

    /**
     * The leader's host, and the first other node (in slot order) with an address. Refused when a member has no
     * running task, when two members share a node (losing that host is not the drill then) or when no other node
     * has an address.
     */
    public static Aim aim(
            String leader,
            List<String> members,
            Map<String, String> placement,
            Map<String, String> addresses,
            Map<String, String> patroniUrls) {
        Map<String, String> memberOn = new HashMap<>();
        for (String m : members) {
            String node = placement.get(m);
            if (node == null) {
                throw PghaException.unavailable("member " + m + " has no running task on the Swarm; wait until"
                        + " pgha status shows every member, then run the drill again");
            }
            String other = memberOn.putIfAbsent(node, m);
            if (other != null) {
                throw PghaException.invalidInput("members " + other + " and " + m + " both run on " + node
                        + "; a host drill needs each member on its own host (pgha up --swarm --hosts)");
            }
        }
        String host = placement.get(leader);
        if (host == null) {
            throw PghaException.unavailable("the leader " + leader + " is not a member the drill knows");
        }
        Map.Entry<String, String> via = addresses.entrySet().stream()
                .filter(e -> !e.getKey().equals(host)
                        && e.getValue() != null
                        && !e.getValue().isBlank())
                .filter(e -> memberOn.containsKey(e.getKey()))
                .findFirst()
                .orElseThrow(() -> PghaException.invalidInput("no node other than " + host
                        + " with a member and an address to write through; a host drill needs at least two hosts"));
        Map<String, String> urls = new LinkedHashMap<>();
        patroniUrls.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .filter(e -> !host.equals(placement.get(e.getKey())))
                .forEach(e -> urls.put(e.getKey(), e.getValue()));
        patroniUrls.entrySet().stream()
                .filter(e -> host.equals(placement.get(e.getKey())))
                .forEach(e -> urls.put(e.getKey(), e.getValue()));
        return new Aim(host, via.getKey(), via.getValue(), urls);
    }
}
