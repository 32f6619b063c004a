package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.SwarmDeployment;
import io.pgha.runtime.stack.StackLayout;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.StackSpecFile;
import io.pgha.runtime.stack.SwarmPlacement;
import io.pgha.runtime.stack.SwarmStackRenderer;
import io.pgha.runtime.swarm.SwarmNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where {@code pgha up --swarm} puts a stack and how pgha then reaches it (docs/decisions/0043), decided from the
 * Swarm's nodes alone: slot {@code i} is {@code hosts[i-1]} (the nodes given, or the ready active nodes by hostname),
 * and {@code addresses[i-1]} is where that node's host-mode ports answer from where pgha runs (given, or the address
 * the node advertised to the Swarm). One node per slot, never fewer: each etcd member and PostgreSQL node on its own
 * host is the point of a Swarm.
 *
 * @param spec the spec as a Swarm runs it ({@link SwarmStackRenderer#swarmSpec})
 * @param endpoint the Swarm manager's Docker endpoint
 */
public record SwarmPlan(StackSpec spec, String endpoint, List<String> hosts, List<String> addresses) {

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    public SwarmPlan {
        hosts = List.copyOf(hosts);
        addresses = List.copyOf(addresses);
    }

    /**
     * The plan for {@code requested} on a Swarm of {@code nodes}; refuses, saying what to do, too few ready nodes, an
     * unknown, down or drained node among {@code wantedHosts}, or addresses that are not one IP per node.
     */
    public static SwarmPlan of(
            StackSpec requested,
            String endpoint,
            List<String> wantedHosts,
            List<String> wantedAddresses,
            List<SwarmNode> nodes) {
        StackSpec spec = SwarmStackRenderer.swarmSpec(requested);
        int slots = SwarmStackRenderer.slots(spec);
        List<SwarmNode> usable = nodes.stream()
                .filter(n -> n.ready() && "active".equals(n.availability()))
                .sorted(Comparator.comparing(SwarmNode::hostname))
                .toList();
        List<SwarmNode> chosen =
                wantedHosts.isEmpty() ? spread(usable, nodes, slots) : named(wantedHosts, nodes, slots);
        List<String> addresses;
        if (wantedAddresses.isEmpty()) {
            addresses = chosen.stream().map(SwarmNode::address).toList();
            for (SwarmNode n : chosen) {
                if (!IPV4.matcher(n.address()).matches() || n.address().equals("0.0.0.0")) {
                    throw PghaException.invalidInput("node " + n.hostname() + " advertised no usable address ('"
                            + n.address() + "'); give where each node's ports answer: --addresses IP1,IP2,...");
                }
            }
        } else {
            if (wantedAddresses.size() != slots) {
                throw PghaException.invalidInput("--addresses gives " + wantedAddresses.size() + " address(es); give "
                        + slots + ", one per node in the order of --hosts");
            }
            for (String a : wantedAddresses) {
                if (!IPV4.matcher(a).matches()) {
                    throw PghaException.invalidInput("--addresses: '" + a + "' is not an IPv4 address (the certificates"
                            + " name the addresses pgha reaches the nodes at)");
                }
            }
            addresses = wantedAddresses;
        }
        return new SwarmPlan(
                spec, endpoint, chosen.stream().map(SwarmNode::hostname).toList(), addresses);
    }

    private static List<SwarmNode> spread(List<SwarmNode> usable, List<SwarmNode> all, int slots) {
        if (usable.size() < slots) {
            throw PghaException.invalidInput("the Swarm has " + usable.size() + " ready, active node(s) ("
                    + describe(all) + "); this stack puts one etcd member and one PostgreSQL node on each of "
                    + slots + " nodes: join more nodes (docker swarm join), bring back or activate the others (docker"
                    + " node update --availability active NODE), or name the nodes with --hosts");
        }
        return usable.subList(0, slots);
    }

    private static List<SwarmNode> named(List<String> wanted, List<SwarmNode> all, int slots) {
        if (wanted.size() != slots) {
            throw PghaException.invalidInput("--hosts names " + wanted.size() + " node(s); this stack needs " + slots
                    + ", one etcd member and one PostgreSQL node on each");
        }
        if (new HashSet<>(wanted).size() != wanted.size()) {
            throw PghaException.invalidInput(
                    "--hosts names a node twice (" + String.join(",", wanted) + "): each member goes on its own node");
        }
        List<SwarmNode> chosen = new ArrayList<>();
        for (String h : wanted) {
            SwarmNode n = all.stream()
                    .filter(x -> x.hostname().equals(h))
                    .findFirst()
                    .orElseThrow(() ->
                            PghaException.invalidInput("the Swarm has no node " + h + "; its nodes: " + describe(all)));
            if (!n.ready() || !"active".equals(n.availability())) {
                throw PghaException.invalidInput("node " + h + " is " + n.state() + "/" + n.availability()
                        + ": bring it back (and docker node update --availability active " + h + ") or name another");
            }
            chosen.add(n);
        }
        return chosen;
    }

    private static String describe(List<SwarmNode> nodes) {
        if (nodes.isEmpty()) {
            return "none";
        }
        return String.join(
                ", ",
                nodes.stream()
                        .sorted(Comparator.comparing(SwarmNode::hostname))
                        .map(n -> n.hostname() + " " + n.state() + "/" + n.availability())
                        .toList());
    }

    public SwarmPlacement placement() {
        return new SwarmPlacement(hosts);
    }

    /** The address of the node of a 1-based slot (slots wrap round as in {@link SwarmPlacement}). */
    String address(int slot) {
        return addresses.get((slot - 1) % addresses.size());
    }

    /**
     * How pgha reaches the stack: etcd member m and pg-n's Patroni at their own node's address, the router at the first
     * node's (it runs on every node). No Docker stack label: its containers are on the Swarm's nodes, not this engine.
     */
    public ClusterConnection connection(Optional<String> caFile) {
        StackLayout layout = StackLayout.compose(spec);
        String scheme = spec.security().tls() ? "https://" : "http://";
        List<String> etcd = new ArrayList<>();
        for (int m = 1; m <= spec.etcdMembers(); m++) {
            etcd.add(scheme + address(m) + ":" + spec.ports().etcdOf(m));
        }
        Map<String, String> patroni = new LinkedHashMap<>();
        for (int n = 0; n < spec.nodes(); n++) {
            patroni.put(
                    layout.pgNodes().get(n),
                    scheme + address(n + 1) + ":" + spec.ports().patroniOf(n));
        }
        String router = address(1);
        return new ClusterConnection(
                spec.name(),
                spec.scope(),
                etcd,
                Optional.empty(),
                patroni,
                Optional.of(new ClusterConnection.RouterEndpoints(
                        router,
                        spec.ports().write(),
                        spec.ports().read(),
                        "http://" + router + ":" + spec.ports().stats() + "/")),
                Optional.empty(),
                ClusterConnection.Origin.PROVISIONED,
                Optional.empty(),
                caFile);
    }

    /** The stack's volumes on each node, as {@code docker stack deploy} names them (STACK_VOLUME). */
    public Map<String, List<String>> volumesByHost() {
        Map<String, List<String>> byHost = new LinkedHashMap<>();
        hosts.forEach(h -> byHost.put(h, new ArrayList<>()));
        for (String v : StackLayout.compose(spec).volumes()) {
            String docker = spec.name() + "_" + v;
            if (v.startsWith("etcd-") || v.startsWith("pg-")) {
                int slot = v.startsWith("etcd-")
                        ? Integer.parseInt(v.substring("etcd-".length(), v.indexOf("-data")))
                        : Integer.parseInt(v.substring("pg-".length(), v.indexOf("-data"))) + 1;
                byHost.get(hosts.get((slot - 1) % hosts.size())).add(docker);
            } else if (v.startsWith("router-")) {
                byHost.values().forEach(l -> l.add(docker)); // the router is global: its volume is on every node
            } else {
                byHost.get(hosts.get(0)).add(docker);
            }
        }
        return byHost;
    }

    /** What {@code pgha down} needs to find the stack again: kept as swarm.json beside the cluster's connection. */
    public SwarmDeployment deployment() {
        return new SwarmDeployment(spec.name(), endpoint, hosts, addresses, volumesByHost(), StackSpecFile.write(spec));
    }
}
