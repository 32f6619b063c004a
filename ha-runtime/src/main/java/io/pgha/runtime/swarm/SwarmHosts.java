package io.pgha.runtime.swarm;

import io.pgha.runtime.model.HostInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Joins a Swarm's nodes and a stack's tasks into the hosts {@code pgha status} and the console show; a pure function.
 *
 * <p>A member is on the host of its <em>latest task that was given a node</em>, per replica slot (per node for a global
 * service such as the router): when a host goes down the managers shut its tasks down and queue replacements pinned to
 * the same node, which wait with no node ("no suitable node") — the member still belongs to the host it is pinned to,
 * and the shown task state says it is not running there.
 */
public final class SwarmHosts {

    private static final Pattern NUMBERED = Pattern.compile("(.*?)-(\\d+)(.*)");

    private SwarmHosts() {}

    public static List<HostInfo> join(List<SwarmNode> nodes, List<SwarmTask> tasks) {
        Map<String, SwarmTask> latest = new LinkedHashMap<>();
        for (SwarmTask t : tasks) {
            if (t.node().isEmpty()) {
                continue;
            }
            String key = t.service() + "/"
                    + (t.slot().isPresent()
                            ? "slot" + t.slot().getAsInt()
                            : "node" + t.node().get());
            latest.merge(key, t, (a, b) -> b.createdAt().compareTo(a.createdAt()) > 0 ? b : a);
        }
        List<HostInfo> hosts = new ArrayList<>();
        for (SwarmNode n :
                nodes.stream().sorted(Comparator.comparing(SwarmNode::hostname)).toList()) {
            List<HostInfo.Placed> placed = latest.values().stream()
                    .filter(t -> t.node().get().equals(n.id()))
                    .sorted(Comparator.comparing(SwarmTask::service, SwarmHosts::memberOrder))
                    .map(t -> new HostInfo.Placed(t.service(), t.state()))
                    .toList();
            hosts.add(new HostInfo(
                    n.hostname(),
                    n.address(),
                    n.state(),
                    n.availability(),
                    n.role(),
                    n.engine(),
                    n.cpus(),
                    n.memoryBytes(),
                    placed));
        }
        return hosts;
    }

    /**
     * etcd members, then PostgreSQL nodes (each with its exporter), the routers, the supervisor, then the rest; the
     * stack names its router and supervisor services after the scope ({@code pg-router}, {@code pg-router-2},
     * {@code pg-supervisor}).
     */
    static int memberOrder(String a, String b) {
        int byKind = Integer.compare(kind(a), kind(b));
        if (byKind != 0) {
            return byKind;
        }
        Matcher ma = NUMBERED.matcher(a);
        Matcher mb = NUMBERED.matcher(b);
        if (ma.matches() && mb.matches() && ma.group(1).equals(mb.group(1))) {
            int byNumber = Long.compare(Long.parseLong(ma.group(2)), Long.parseLong(mb.group(2)));
            return byNumber != 0 ? byNumber : ma.group(3).compareTo(mb.group(3));
        }
        return a.compareTo(b);
    }

    private static int kind(String member) {
        if (member.matches("etcd-\\d+.*")) {
            return 0;
        }
        if (member.matches("pg-\\d+.*")) {
            return 1;
        }
        if (member.contains("router")) {
            return 2;
        }
        return member.contains("supervisor") ? 3 : 4;
    }
}
