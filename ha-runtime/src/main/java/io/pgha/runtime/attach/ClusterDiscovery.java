package io.pgha.runtime.attach;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterConnection.RouterEndpoints;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.dcs.Dcs;
import io.pgha.runtime.dcs.DcsView;
import io.pgha.runtime.dcs.EtcdReachability;
import io.pgha.runtime.docker.ContainerObserver;
import io.pgha.runtime.docker.StackContainer;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.patroni.PatroniClient;
import io.pgha.runtime.patroni.PatroniCluster;
import io.pgha.runtime.patroni.PatroniNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Works out how to reach a running Patroni cluster from here, for {@code pgha attach}. The members and
 * their advertised REST URLs come from the DCS (or from Patroni's /cluster); those URLs usually name
 * container hosts this machine cannot reach, so each member's REST API is looked up among the local
 * containers' published ports first, then tried as advertised. URLs the user gave always win.
 */
public final class ClusterDiscovery {

    static final Duration DEADLINE = Duration.ofSeconds(5);
    static final int PATRONI_PORT = 8008;
    static final int WRITE_PORT = 5000;
    static final int READ_PORT = 5001;
    static final int STATS_PORT = 8404;

    /** The connection to save, and what the user should know about how it was found. */
    public record Result(
            ClusterConnection connection, List<Member> members, Optional<String> leader, List<String> notes) {
        public Result {
            members = List.copyOf(members);
            notes = List.copyOf(notes);
        }
    }

    private ClusterDiscovery() {}

    public static Result discover(AttachRequest r) {
        ClusterRegistry.checkName(r.name());
        List<String> notes = new ArrayList<>();
        Optional<ContainerObserver> docker = r.useDocker() ? connectDocker(notes) : Optional.empty();
        try {
            List<StackContainer> containers =
                    docker.map(d -> containers(d, r.dockerStack(), notes)).orElse(List.of());
            List<String> etcd = r.etcdEndpoints();
            Optional<String> scope = r.scope();
            if (etcd.isEmpty()
                    && r.dockerStack().isPresent()
                    && r.patroniUrls().isEmpty()
                    && r.unnamedPatroniUrls().isEmpty()) {
                Optional<LocalStack> local = LocalStacks.of(r.dockerStack().get(), containers);
                if (local.isPresent()) {
                    etcd = local.get().etcdEndpoints();
                    scope = scope.or(local.get()::scope);
                    notes.add("etcd endpoints from the published ports of compose project "
                            + r.dockerStack().get() + ": " + String.join(",", etcd));
                }
            }
            if (etcd.isEmpty()
                    && r.patroniUrls().isEmpty()
                    && r.unnamedPatroniUrls().isEmpty()) {
                throw PghaException.invalidInput(
                        "say how to reach the cluster: --etcd URL[,URL…] --scope SCOPE, or --patroni [NAME=]URL");
            }

            Map<String, String> named = new TreeMap<>(r.patroniUrls());
            for (String url : r.unnamedPatroniUrls()) {
                PatroniNode node =
                        PatroniClient.create(url, r.caFile(), DEADLINE).node();
                String memberName = node.name()
                        .orElseThrow(() -> PghaException.invalidInput("the Patroni at " + url
                                + " does not say its member name; pass it as --patroni NAME=" + url));
                named.put(memberName, url);
                if (scope.isEmpty()) {
                    scope = node.scope();
                }
            }

            List<Member> members;
            Optional<String> leader;
            if (!etcd.isEmpty()) {
                if (scope.isEmpty()) {
                    throw PghaException.invalidInput(
                            "--scope is needed with --etcd (Patroni's scope, the name under /service/ in etcd)");
                }
                DcsView view = readDcs(etcd, r, scope.get());
                members = view.members();
                leader = view.leader();
            } else {
                PatroniCluster cluster = firstCluster(named, r.caFile());
                members = cluster.members();
                leader = cluster.leader().map(Member::name);
                if (scope.isEmpty()) {
                    scope = cluster.scope();
                }
            }
            if (scope.isEmpty()) {
                throw PghaException.invalidInput("cannot tell the cluster's scope: pass --scope");
            }

            Map<String, String> urls = new TreeMap<>();
            Optional<String> stack = r.dockerStack();
            for (Member m : members) {
                if (named.containsKey(m.name())) {
                    urls.put(m.name(), named.get(m.name()));
                    continue;
                }
                Optional<StackContainer> container = containerOf(m, scope.get(), containers);
                Optional<String> published =
                        container.flatMap(c -> c.publishedPort(apiPort(m))).map(p -> p.url(apiScheme(m)));
                if (published.isPresent()) {
                    urls.put(m.name(), published.get());
                    if (stack.isEmpty()) {
                        stack = container.get().composeProject();
                    }
                    continue;
                }
                Optional<String> advertised = advertisedBase(m).filter(url -> answers(url, r.caFile()));
                if (advertised.isPresent()) {
                    urls.put(m.name(), advertised.get());
                } else {
                    notes.add("no REST URL of " + m.name() + " is reachable from here (it advertises " + m.apiUrl()
                            + "); add --patroni " + m.name() + "=URL");
                }
            }
            named.forEach(urls::putIfAbsent);

            Optional<RouterEndpoints> router = r.router();
            if (router.isEmpty() && stack.isPresent()) {
                String project = stack.get();
                router = containers.stream()
                        .filter(c -> c.composeProject().filter(project::equals).isPresent())
                        .filter(c -> "router".equals(c.info().role()))
                        .findFirst()
                        .flatMap(ClusterDiscovery::routerOf);
                router.ifPresent(x -> notes.add("router from the published ports of " + project + ": write "
                        + x.writePort() + ", read " + x.readPort() + ", stats " + x.statsUrl()));
            }
            ClusterConnection c = new ClusterConnection(
                            r.name(),
                            scope.get(),
                            etcd,
                            r.etcdAuth(),
                            urls,
                            router,
                            stack,
                            ClusterConnection.Origin.ATTACHED)
                    .withCaFile(r.caFile());
            return new Result(c, members, leader, notes);
        } finally {
            docker.ifPresent(ContainerObserver::close);
        }
    }

    private static Optional<ContainerObserver> connectDocker(List<String> notes) {
        try {
            return Optional.of(ContainerObserver.connect(Duration.ofSeconds(3)));
        } catch (PghaException e) {
            notes.add("the local Docker engine was not asked: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static List<StackContainer> containers(ContainerObserver d, Optional<String> project, List<String> notes) {
        try {
            return project.isPresent() ? d.inspect(project.get()) : d.inspectComposeContainers();
        } catch (PghaException e) {
            notes.add("the local Docker engine was not asked: " + e.getMessage());
            return List.of();
        }
    }

    private static DcsView readDcs(List<String> etcd, AttachRequest r, String scope) {
        EtcdReachability.requireOne(etcd, Duration.ofSeconds(2));
        try (Dcs dcs = Dcs.connect(etcd, r.etcdAuth(), r.caFile())) {
            DcsView view = dcs.read(scope, DEADLINE);
            if (view.members().isEmpty()) {
                List<String> scopes = scopesOrNone(dcs);
                throw PghaException.notFound(
                        "etcd at " + String.join(",", etcd) + " has no Patroni members under /service/" + scope + "/"
                                + (scopes.isEmpty()
                                        ? "; is Patroni using this etcd?"
                                        : "; the scopes there are: " + String.join(", ", scopes)));
            }
            return view;
        }
    }

    /** The scopes in etcd, or none when this user may not list /service/ (a role limited to its own scope). */
    private static List<String> scopesOrNone(Dcs dcs) {
        try {
            return dcs.scopes(DEADLINE);
        } catch (PghaException e) {
            return List.of();
        }
    }

    private static PatroniCluster firstCluster(Map<String, String> urls, Optional<String> caFile) {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> e : urls.entrySet()) {
            try {
                return PatroniClient.create(e.getValue(), caFile, DEADLINE).cluster();
            } catch (PghaException ex) {
                failures.add(ex.getMessage());
            }
        }
        throw PghaException.unavailable("no given Patroni REST URL answers: " + String.join("; ", failures), null);
    }

    /**
     * The member's container: in the compose project named like the scope (pgha names a stack's project, scope and
     * network alike), the one named like the member, its advertised host or its service; else, anywhere, the one named
     * like the member or its host; else the one container whose service is named like the member. Several stacks on
     * one engine each have a member and a service pg-0, so neither identifies a container alone.
     */
    static Optional<StackContainer> containerOf(Member m, String scope, List<StackContainer> containers) {
        String host = advertisedHost(m).orElse(m.host());
        java.util.function.Predicate<StackContainer> named =
                c -> c.name().equals(m.name()) || (!host.isEmpty() && c.name().equals(host));
        java.util.function.Predicate<StackContainer> service =
                c -> c.composeService().filter(m.name()::equals).isPresent();
        Optional<StackContainer> inScope = containers.stream()
                .filter(c -> c.composeProject().filter(scope::equals).isPresent())
                .filter(named.or(service))
                .findFirst();
        if (inScope.isPresent()) {
            return inScope;
        }
        Optional<StackContainer> byName = containers.stream().filter(named).findFirst();
        if (byName.isPresent()) {
            return byName;
        }
        List<StackContainer> byService = containers.stream().filter(service).toList();
        return byService.size() == 1 ? Optional.of(byService.get(0)) : Optional.empty();
    }

    private static int apiPort(Member m) {
        try {
            int port = URI.create(m.apiUrl()).getPort();
            return port > 0 ? port : PATRONI_PORT;
        } catch (IllegalArgumentException e) {
            return PATRONI_PORT;
        }
    }

    /** The scheme the member advertises for its REST API (https when it has TLS), http when it says none. */
    static String apiScheme(Member m) {
        try {
            String scheme = URI.create(m.apiUrl()).getScheme();
            return "https".equalsIgnoreCase(scheme) ? "https" : "http";
        } catch (IllegalArgumentException | NullPointerException e) {
            return "http";
        }
    }

    private static Optional<String> advertisedHost(Member m) {
        try {
            return Optional.ofNullable(URI.create(m.apiUrl()).getHost());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** http://pg-0:8008/patroni gives http://pg-0:8008 */
    static Optional<String> advertisedBase(Member m) {
        try {
            URI u = URI.create(m.apiUrl());
            if (u.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : ""));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean answers(String baseUrl, Optional<String> caFile) {
        try {
            PatroniClient.create(baseUrl, caFile, Duration.ofSeconds(1)).liveness();
            return true;
        } catch (PghaException e) {
            return false;
        }
    }

    private static Optional<RouterEndpoints> routerOf(StackContainer c) {
        Optional<StackContainer.HostPort> write = c.publishedPort(WRITE_PORT);
        Optional<StackContainer.HostPort> read = c.publishedPort(READ_PORT);
        Optional<StackContainer.HostPort> stats = c.publishedPort(STATS_PORT);
        if (write.isEmpty() || read.isEmpty() || stats.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RouterEndpoints(
                write.get().host(),
                write.get().port(),
                read.get().port(),
                stats.get().url("http") + "/"));
    }
}
