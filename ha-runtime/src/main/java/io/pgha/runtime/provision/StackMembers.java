package io.pgha.runtime.provision;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.apply.MemberSetting;
import io.pgha.runtime.apply.RunningStack;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.docker.DockerContainer;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.provision.DockerPlan.Planned;
import io.pgha.runtime.provision.Poll.Seen;
import io.pgha.runtime.stack.StackLayout;
import io.pgha.runtime.stack.StackService;
import io.pgha.runtime.stack.StackService.Role;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.SynchronousMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Adds and removes PostgreSQL members of a running stack (docs/decisions/0029). A member is added by the code that
 * {@code pgha up} makes members with ({@link DockerStackProvisioner}'s create and start of what is missing, its
 * certificate ensured the same way), from the plan of the grown spec: Patroni clones it from a replica (every member
 * carries the {@code clonefrom} tag, and Patroni never picks the leader while a replica has it); once it streams,
 * HAProxy routes to it ({@link RouterMembership}). A member leaves the router first, then its container stops (Patroni
 * shuts PostgreSQL down, the leader's synchronous quorum drops it once its member key is gone), and its data volume is
 * kept unless asked.
 */
final class StackMembers {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration QUORUM_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ROUTER_ASK = Duration.ofSeconds(15);

    private final DockerStackProvisioner provisioner;
    private final DockerEngine docker;
    private final CredentialStore credentials;

    StackMembers(DockerStackProvisioner provisioner, DockerEngine docker, CredentialStore credentials) {
        this.provisioner = provisioner;
        this.docker = docker;
        this.credentials = credentials;
    }

    RunningStack running(String name) {
        StackState state = StackState.of(docker, name);
        StackSpec labelled = state.runningSpec()
                .orElseThrow(() -> PghaException.notFound("no stack " + name + " made by pgha runs on this engine"));
        int nodes = (int) state.containers().values().stream()
                .filter(c -> "postgres".equals(c.labels().get(StackLabels.ROLE)))
                .count();
        List<Integer> etcdNumbers = state.containers().values().stream()
                .filter(c -> "etcd".equals(c.labels().get(StackLabels.ROLE)))
                .map(c -> c.labels().getOrDefault(StackLabels.SERVICE, ""))
                .filter(n -> n.matches("etcd-\\d+"))
                .map(EtcdMemberChanges::number)
                .sorted()
                .toList();
        int etcdContainers = etcdNumbers.size();
        // an etcd member added or removed by apply: the older containers' labels keep the count they were made with
        StackSpec spec = labelled.toBuilder()
                .nodes(nodes)
                .etcdMembers(
                        etcdContainers == 1 || etcdContainers == 3 || etcdContainers == 5
                                ? etcdContainers
                                : labelled.etcdMembers())
                .images(state.runningProfile().orElse(labelled.images()))
                .build();
        StackProbe probe = probe(spec);
        List<RunningStack.Member> members = DockerStackProvisioner.members(probe, spec).stream()
                .map(m -> new RunningStack.Member(
                        m.name(),
                        m.leader(),
                        m.streaming(),
                        m.role().equals("sync_standby") || m.role().equals("quorum_standby"),
                        m.pendingRestart()))
                .toList();
        Map<String, Boolean> etcdHealth = new java.util.TreeMap<>();
        etcdNumbers.forEach(
                i -> etcdHealth.put("etcd-" + i, probe.etcdHealthy(spec.ports().etcdOf(i))));
        int etcd = (int) etcdHealth.values().stream().filter(h -> h).count();
        Map<String, String> images = new java.util.TreeMap<>();
        state.containers().values().stream()
                .filter(c -> "postgres".equals(c.labels().get(StackLabels.ROLE)))
                .forEach(c -> images.put(c.labels().getOrDefault(StackLabels.SERVICE, c.name()), c.image()));
        Optional<Map<String, Object>> dcs = dcsConfig(probe, spec);
        RunningStack running = new RunningStack(
                        dcs.map(c -> withSynchronousOf(spec, c)).orElse(spec), members, etcd)
                .withImages(images)
                .withUnrouted(unrouted(state, images.keySet()))
                .withEtcdHealth(etcdHealth)
                .withUnfinished(ReplaceLeftovers.find(docker, state, name));
        Map<String, String> contexts = new LinkedHashMap<>();
        running.leader().ifPresent(l -> {
            try {
                settings(spec.name(), l.name(), List.of()).forEach((k, v) -> contexts.put(k, v.context()));
            } catch (PghaException e) {
                // the planner falls back to the postmaster parameters it knows
            }
        });
        return running.withParameters(dcs.map(StackMembers::postgresParameters).orElse(Map.of()), contexts);
    }

    /**
     * {@code spec} with the synchronous settings Patroni's dynamic configuration has now: an apply may have changed
     * them since the containers (and their labels) were made.
     */
    static StackSpec withSynchronousOf(StackSpec spec, Map<String, Object> dcs) {
        io.pgha.runtime.stack.PatroniTuning t = spec.patroni();
        SynchronousMode mode = dcs.containsKey("synchronous_mode")
                ? SynchronousMode.parse(String.valueOf(dcs.get("synchronous_mode")))
                : t.synchronousMode();
        Object n = dcs.get("synchronous_node_count");
        int count = n instanceof Number number
                ? number.intValue()
                : n != null && String.valueOf(n).strip().matches("\\d+")
                        ? Integer.parseInt(String.valueOf(n).strip())
                        : t.synchronousNodeCount();
        return spec.toBuilder()
                .patroni(new io.pgha.runtime.stack.PatroniTuning(
                        t.ttl(),
                        t.loopWait(),
                        t.retryTimeout(),
                        mode,
                        count,
                        t.maximumLagOnFailover(),
                        t.primaryStartTimeout()))
                .build();
    }

    /**
     * The {@code members} whose containers exist but which a router does not list (an add interrupted before its last
     * step); a router that does not answer says nothing, so with none answering this is empty.
     */
    private Set<String> unrouted(StackState state, Collection<String> members) {
        Set<String> unrouted = new java.util.TreeSet<>();
        state.containers().values().stream()
                .filter(c -> "router".equals(c.labels().get(StackLabels.ROLE)) && c.running())
                .forEach(router -> {
                    var answer = docker.exec(router.name(), RouterReload.ask("show servers state"), ROUTER_ASK);
                    Set<String> routed = answer.ok()
                            ? RouterReload.parse(answer.stdout()).stream()
                                    .map(RouterReload.Server::name)
                                    .collect(Collectors.toSet())
                            : Set.of();
                    if (!routed.isEmpty()) {
                        members.stream().filter(m -> !routed.contains(m)).forEach(unrouted::add);
                    }
                });
        return unrouted;
    }

    /** Patroni's dynamic configuration, from the first member that answers; empty when none does. */
    private static Optional<Map<String, Object>> dcsConfig(StackProbe probe, StackSpec spec) {
        for (int i = 0; i < spec.nodes(); i++) {
            Optional<Map<String, Object>> config = probe.config(spec.ports().patroniOf(i));
            if (config.isPresent()) {
                return config;
            }
        }
        return Optional.empty();
    }

    /** Its postgresql.parameters. */
    private static Map<String, String> postgresParameters(Map<String, Object> config) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (config.get("postgresql") instanceof Map<?, ?> pg && pg.get("parameters") instanceof Map<?, ?> p) {
            p.forEach((k, v) -> {
                if (v != null) {
                    parameters.put(String.valueOf(k), String.valueOf(v));
                }
            });
        }
        return parameters;
    }

    /** {@code member}'s pg_settings rows of {@code names} (every parameter when empty). */
    Map<String, MemberSetting> settings(String stack, String member, Collection<String> names) {
        return new MemberSettings(docker)
                .read(
                        StackLayout.containerName(stack, member),
                        secrets(stack).superuser().user(),
                        names);
    }

    /**
     * Creates and starts {@code member} of the {@code grown} spec on {@code image} (the profile's when empty), waits
     * until it streams, then routes to it.
     */
    String add(StackSpec grown, String member, Optional<String> image, Consumer<String> progress) {
        StackCredentials secrets = secrets(grown.name());
        DockerPlan profiles = DockerPlan.of(grown, secrets);
        DockerPlan plan = image.map(profiles::withPostgresImage).orElse(profiles);
        StackSecrets material = StackSecrets.of(plan, secrets, provisioner.clusterDir(grown.name()));
        StackState state = StackState.of(docker, grown.name());
        List<String> actions = Collections.synchronizedList(new ArrayList<>());
        CreatedByRun made = new CreatedByRun();
        provisioner.create(plan, state, material, actions, made);
        provisioner.startAll(
                DockerStackProvisioner.launching(plan, Launch.AFTER_ETCD_USERS), state.containers(), actions);
        progress.accept((actions.isEmpty() ? "its containers run already" : String.join(", ", actions))
                + "; waiting until " + member + " streams");
        StackProbe probe = probe(grown);
        List<String> streaming = DockerStackProvisioner.awaitStreaming(probe, grown);
        progress.accept(String.join(", ", streaming) + " streaming");
        if (grown.patroni().synchronousMode() == SynchronousMode.QUORUM) {
            // the leader puts a streaming member into synchronous_standby_names (ANY n (...)) on its next HA loop
            progress.accept(Poll.until(member + " joins the synchronous quorum", QUORUM_TIMEOUT, POLL, () -> {
                List<StackProbe.Member> members = DockerStackProvisioner.members(probe, grown);
                return members.stream()
                                .anyMatch(
                                        m -> m.name().equals(member) && m.role().equals("quorum_standby"))
                        ? Seen.done(member + " is a quorum standby")
                        : Seen.notYet(DockerStackProvisioner.describe(members));
            }));
        }
        provisioner.createAndStartOneByOne(
                DockerStackProvisioner.launching(plan, Launch.IN_BACKGROUND_AFTER_ETCD_START),
                state,
                material,
                state.containers(),
                actions,
                made);
        String routed = reloadRouters(plan, Optional.of(member), Optional.empty());
        return member + " streams and is routed: " + routed;
    }

    /**
     * Takes {@code member} out of the router (the {@code shrunk} spec's haproxy.cfg), stops and removes its containers,
     * waits until Patroni no longer lists it, and removes its volume when asked.
     */
    String remove(StackSpec shrunk, String member, boolean deleteVolume, Consumer<String> progress) {
        StackCredentials secrets = secrets(shrunk.name());
        DockerPlan plan = DockerPlan.of(shrunk, secrets);
        String routed = reloadRouters(plan, Optional.empty(), Optional.of(member));
        progress.accept("out of the router: " + routed);
        StackState state = StackState.of(docker, shrunk.name());
        List<String> planned = plan.containers().stream().map(Planned::name).toList();
        StackLayout layout = StackLayout.of(shrunk);
        List<DockerContainer> leaving = state.containers().values().stream()
                .filter(c -> !planned.contains(c.name()))
                .filter(c -> c.name().equals(layout.containerName(member))
                        || c.name().contains(member + "-"))
                .toList();
        for (DockerContainer c : leaving) {
            docker.stop(c.name(), STOP_GRACE);
            docker.remove(c.name());
        }
        progress.accept("stopped and removed "
                + String.join(", ", leaving.stream().map(DockerContainer::name).toList()));
        StackProbe probe = probe(shrunk);
        String left = Poll.until(member + " leaves Patroni's members", LEAVE_TIMEOUT, POLL, () -> {
            List<StackProbe.Member> members = DockerStackProvisioner.members(probe, shrunk);
            boolean gone = members.stream().noneMatch(m -> m.name().equals(member));
            return gone && !members.isEmpty()
                    ? Seen.done(DockerStackProvisioner.describe(members))
                    : Seen.notYet(DockerStackProvisioner.describe(members));
        });
        String volume = layout.volumeName(member + "-data");
        if (deleteVolume) {
            docker.removeVolume(volume);
        }
        return member + " removed (" + left + "); volume " + volume + (deleteVolume ? " deleted" : " kept");
    }

    StackCredentials secrets(String name) {
        return credentials
                .find(name)
                .orElseThrow(() -> PghaException.notFound("no stored credentials for stack " + name
                        + ": only a stack pgha up made on this machine can be changed"));
    }

    StackProbe probe(StackSpec spec) {
        StackCredentials secrets = secrets(spec.name());
        Optional<String> ca = spec.security().tls()
                ? Optional.of(provisioner
                        .clusterDir(spec.name())
                        .resolve(StackSecrets.PKI)
                        .resolve("ca.crt")
                        .toString())
                : Optional.empty();
        return new StackProbe(
                DockerStackProvisioner.probeHost(spec),
                ca,
                spec.security().authentication() ? Optional.of(secrets.router()) : Optional.empty());
    }

    /** Every router of the stack (pg-router, pg-router-2) in turn, each with its own haproxy.cfg. */
    private String reloadRouters(DockerPlan plan, Optional<String> joining, Optional<String> leaving) {
        List<Planned> routers = plan.withRole(Role.ROUTER);
        if (routers.isEmpty()) {
            throw PghaException.unavailable("the stack has no router");
        }
        List<String> described = new ArrayList<>();
        for (Planned router : routers) {
            described.add(router.name() + ": "
                    + new RouterMembership(docker).reload(router.name(), routerConfig(plan, router), joining, leaving));
        }
        return String.join("; ", described);
    }

    private static String routerConfig(DockerPlan plan, Planned router) {
        if (!plan.spec().security().authentication()) {
            throw PghaException.refused("changing the members of a stack without logins (the seed's open stack) is "
                    + "not supported: its router's runtime API is not on a unix socket");
        }
        return router.service().configFiles().stream()
                .filter(f -> f.containerPath().equals(StackLayout.HAPROXY_CONFIG_PATH))
                .map(StackService.ConfigFile::content)
                .findFirst()
                .orElseThrow();
    }
}
