package io.pgha.runtime.provision;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.dcs.EtcdAccessPolicy;
import io.pgha.runtime.docker.DockerContainer;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.EngineInfo;
import io.pgha.runtime.postgres.RoutingProbe;
import io.pgha.runtime.provision.DockerPlan.Planned;
import io.pgha.runtime.provision.Poll.Seen;
import io.pgha.runtime.provision.Steps.Outcome;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackLayout;
import io.pgha.runtime.stack.StackService;
import io.pgha.runtime.stack.StackService.Role;
import io.pgha.runtime.stack.StackSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link StackProvisioner} on a Docker engine. The layers another one waits for start in dependency order, each waited
 * for with a deadline: etcd quorum, its users, PostgreSQL nodes, a leader, every replica streaming, the router routing
 * writes and reads. What nothing waits for (router, exporters, Prometheus, the supervisor and its image, the roles)
 * runs beside those steps as soon as what it needs is there ({@link Launch}, docs/decisions/0023), and a later step
 * joins it. Containers of one layer are created and started in parallel; readiness is polled every 100 ms. The work
 * beside the steps gives way to the critical path at the engine ({@link EngineTurns}, docs/decisions/0036).
 */
final class DockerStackProvisioner implements StackProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(DockerStackProvisioner.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration ETCD_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PATRONI_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration REPLICAS_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration ROUTER_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** How long a failed or cancelled up waits for the container starts under way beside its steps. */
    private static final Duration ABANDON_WAIT = Duration.ofSeconds(60);
    /** How long a container started beside the steps waits for the critical path's turn to end, at most. */
    private static final Duration TURN_LIMIT = Duration.ofSeconds(30);

    private final DockerEngine docker;
    private final CredentialStore credentials;
    private final ClusterRegistry registry;

    DockerStackProvisioner(DockerEngine docker, CredentialStore credentials, ClusterRegistry registry) {
        this.docker = docker;
        this.credentials = credentials;
        this.registry = registry;
    }

    @Override
    public UpResult up(StackSpec wanted, ProgressListener progress, CreatedByRun made) {
        return up(wanted, progress, made, Optional.empty());
    }

    @Override
    public UpResult up(StackSpec wanted, ProgressListener progress, CreatedByRun made, Optional<RestoreSeed> seed) {
        long start = System.nanoTime();
        if (wanted.security().tls()) {
            // the certificates' code warms up while the engine answers the steps before them (docs/decisions/0036)
            Thread.ofPlatform().daemon().name("pgha-pki-warm-up").start(io.pgha.runtime.pki.ClusterPki::warmUp);
        }
        Steps steps = new Steps(progress);
        List<String> actions = Collections.synchronizedList(new ArrayList<>());
        EngineInfo engine = steps.run(
                "docker",
                "Docker engine",
                docker::info,
                i -> "Docker " + i.serverVersion() + ", " + i.cpus() + " CPUs, " + (i.memoryBytes() >> 20) + " MiB");

        StackState state = StackState.of(docker, wanted.name());
        Optional<StackCredentials> stored = credentials.find(wanted.name());
        ImageProfile knownProfile = wanted.images() != ImageProfile.AUTO
                ? wanted.images()
                : state.runningProfile().orElse(ImageProfile.LOCAL);
        steps.run(
                "preflight",
                "Preflight checks",
                () -> {
                    refuseDrift(state, wanted.toBuilder().images(knownProfile).build());
                    DockerPlan provisional = DockerPlan.of(
                            wanted.toBuilder().images(knownProfile).build(), stored.orElseGet(() -> generate(wanted)));
                    return new Preflight(docker).check(provisional, state, engine, stored.isPresent());
                },
                m -> m);

        ImageProfile profile = steps.run("images", "Images", () -> {
            Consumer<String> lines = line -> steps.progress("images", "Images", line);
            ImageProfile p = new ImageResolver(docker).resolve(wanted.images(), state.runningProfile(), lines);
            return Outcome.done(
                    p,
                    p.id() + " images present"
                            + (wanted.fastPaths().supervisor()
                                    ? "; the supervisor's is ensured in the background"
                                    : ""));
        });
        // only the supervisor's container needs it, and that starts last: its build is off the critical path
        SupervisorImage supervisorImage = wanted.fastPaths().supervisor()
                ? SupervisorImage.ensureInBackground(() -> new ImageResolver(docker), profile)
                : SupervisorImage.NONE;
        StackSpec spec = wanted.toBuilder().images(profile).build();
        StackCredentials secrets = stored.filter(StackCredentials::complete).orElseGet(() -> {
            // a new stack, or one made before pgha had the application, monitoring and API logins: add them
            StackCredentials fresh = stored.map(c -> c.completed(
                            StackCredentials.DEFAULT_APPLICATION,
                            StackCredentials.DEFAULT_MONITOR,
                            StackCredentials.DEFAULT_API_USER))
                    .orElseGet(() -> generate(spec));
            credentials.save(spec.name(), fresh);
            made.credentials();
            return fresh;
        });
        DockerPlan plan = DockerPlan.of(spec, secrets);
        StackSecrets material = steps.run("certificates", "Certificates", () -> {
            StackSecrets m = StackSecrets.of(plan, secrets, clusterDir(spec.name()));
            return spec.security().tls()
                    ? Outcome.done(
                            m,
                            "cluster CA, " + spec.nodes() + " node and " + spec.etcdMembers() + " etcd certificates in "
                                    + m.pkiDir())
                    : Outcome.skipped(m, "no TLS in this spec");
        });
        if (spec.security().authentication()) {
            restCredentials(spec.name())
                    .save(
                            spec.name(),
                            new io.pgha.runtime.cluster.RestApiCredentials(
                                    secrets.restApi().user(), secrets.restApi().password()));
        }
        try {
            return bringUp(plan, state, secrets, material, supervisorImage, steps, actions, start, made, seed);
        } catch (PghaException e) {
            if (seed.filter(RestoreSeed::inPlace).isPresent()) {
                throw e; // an in-place restore says what to do itself: pgha up is not the answer (docs/decisions/0025)
            }
            throw new PghaException(
                    e.kind(),
                    e.getMessage() + ". The stack may be half-built: run pgha up again to complete it, "
                            + "or pgha down" + (spec.isDefaultName() ? "" : " --name " + spec.name())
                            + " to remove it (its data is kept)",
                    e);
        }
    }

    private UpResult bringUp(
            DockerPlan plan,
            StackState state,
            StackCredentials secrets,
            StackSecrets material,
            SupervisorImage supervisorImage,
            Steps steps,
            List<String> actions,
            long start,
            CreatedByRun made,
            Optional<RestoreSeed> seed) {
        Beside beside = new Beside();
        // the engine's turns (docs/decisions/0036): what starts beside the steps gives way to the critical path, first
        // while the PostgreSQL nodes are created (beside etcd's quorum wait), then from etcd's users until they start
        EngineTurns turns = new EngineTurns();
        NodeTurns nodeTurns = new NodeTurns(turns);
        try {
            return bringUp(
                    plan,
                    state,
                    secrets,
                    material,
                    supervisorImage,
                    steps,
                    actions,
                    start,
                    made,
                    seed,
                    beside,
                    nodeTurns);
        } catch (RuntimeException e) {
            nodeTurns.releaseAll();
            beside.abandon(ABANDON_WAIT);
            throw e;
        } finally {
            nodeTurns.releaseAll();
        }
    }

    private UpResult bringUp(
            DockerPlan plan,
            StackState state,
            StackCredentials secrets,
            StackSecrets material,
            SupervisorImage supervisorImage,
            Steps steps,
            List<String> actions,
            long start,
            CreatedByRun made,
            Optional<RestoreSeed> seed,
            Beside beside,
            NodeTurns nodeTurns) {
        StackSpec spec = plan.spec();
        StackProbe probe = new StackProbe(
                probeHost(spec),
                material.caFile(),
                spec.security().authentication() ? Optional.of(secrets.router()) : Optional.empty());
        if (plan.layout().etcdUsers()) {
            EtcdBootstrap.warmUpInBackground(etcdEndpoints(spec), material.caFile());
        }
        // etcd's containers only: the PostgreSQL nodes' are created while etcd forms its quorum
        steps.run(
                "create",
                "Network, volumes and containers",
                () -> create(plan, state, material, actions, made, launching(plan, Launch.FIRST)));
        Map<String, DockerContainer> existing = state.containers();
        List<CompletableFuture<Integer>> services = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Integer> nodesCreated = new CompletableFuture<>();
        steps.run("etcd", "etcd quorum", () -> {
            startAll(launching(plan, Launch.FIRST), existing, actions);
            List<Planned> nodes = launching(plan, Launch.AFTER_ETCD_USERS);
            beside.run("postgres-create", () -> {
                        try {
                            int before = actions.size();
                            createAll(nodes, state, material, actions, made);
                            return actions.size() - before;
                        } finally {
                            nodeTurns.creating().release();
                        }
                    })
                    .whenComplete((n, t) -> {
                        if (t == null) {
                            nodesCreated.complete(n);
                        } else {
                            nodesCreated.completeExceptionally(t);
                        }
                    });
            // one at a time, each waiting for the critical path's turn, so that the PostgreSQL nodes' creates and
            // starts never queue behind theirs in the engine
            services.add(beside.run(
                    "services",
                    () -> createAndStartOneByOne(
                            // the routers first: the last step waits for them, for nothing else of these
                            launching(plan, Launch.IN_BACKGROUND_AFTER_ETCD_START).stream()
                                    .sorted(java.util.Comparator.comparing(p -> p.role() != Role.ROUTER))
                                    .toList(),
                            state,
                            material,
                            existing,
                            actions,
                            made,
                            nodeTurns.turns())));
            int healthy = Poll.until("etcd quorum healthy", ETCD_TIMEOUT, POLL, () -> {
                long n = plan.layout().etcdMembers().stream()
                        .filter(m -> probe.etcdHealthy(spec.ports().etcdOf(Integer.parseInt(m.substring(5)))))
                        .count();
                return n == spec.etcdMembers()
                        ? Seen.done((int) n)
                        : Seen.notYet(n + "/" + spec.etcdMembers() + " members healthy");
            });
            return Outcome.done(healthy, healthy + "/" + spec.etcdMembers() + " members healthy");
        });
        nodeTurns.startComing(); // the nodes start right after etcd's users: nothing beside may queue before them
        steps.run("etcd-auth", "etcd users and roles", () -> {
            if (!plan.layout().etcdUsers()) {
                return Outcome.skipped(false, "no authentication in this spec");
            }
            // before Patroni starts: it logs in as its user from the first request
            return EtcdBootstrap.ensure(spec, etcdEndpoints(spec), material.caFile(), secrets.etcd());
        });
        if (seed.isPresent()) {
            Beside.join(nodesCreated);
            nodeTurns.pause(); // a restore takes minutes: the background starts go on meanwhile
            // a restore (docs/decisions/0022): the first node's data from the backup, then that node alone first, so
            // that Patroni takes its data as the cluster's instead of another node running initdb
            steps.run(
                    "restore",
                    "Restore from the backup",
                    () -> seed.get()
                            .run(
                                    docker,
                                    plan,
                                    secrets,
                                    line -> steps.progress("restore", "Restore from the backup", line)),
                    m -> m);
            steps.run("restore-leader", "The restored node leads", () -> {
                startAll(
                        plan.withRole(Role.POSTGRES).stream()
                                .filter(p -> p.service().name().equals(RestoreSeed.FIRST))
                                .toList(),
                        existing,
                        actions);
                return Outcome.done(
                        Poll.until(
                                "the restored node leads",
                                seed.get().timeout(),
                                POLL,
                                () -> members(probe, spec).stream()
                                        .filter(m -> m.leader() && m.name().equals(RestoreSeed.FIRST))
                                        .findFirst()
                                        .<Seen<String>>map(m -> Seen.done(m.name()))
                                        .orElseGet(() -> Seen.notYet(describe(members(probe, spec))))),
                        RestoreSeed.FIRST + " leads on the restored data");
            });
        }
        steps.run("postgres", "PostgreSQL nodes", () -> {
            Beside.join(nodesCreated);
            try {
                startAll(launching(plan, Launch.AFTER_ETCD_USERS), existing, actions);
            } finally {
                nodeTurns.started(); // the critical path starts nothing more: the rest may start all at once
            }
            int answering = Poll.until("every Patroni REST API answers", PATRONI_TIMEOUT, POLL, () -> {
                long n = java.util.stream.IntStream.range(0, spec.nodes())
                        .filter(i -> probe.patroniAnswers(spec.ports().patroniOf(i)))
                        .count();
                return n == spec.nodes()
                        ? Seen.done((int) n)
                        : Seen.notYet(n + "/" + spec.nodes() + " Patroni members answering");
            });
            return Outcome.done(answering, answering + "/" + spec.nodes() + " Patroni members answering");
        });
        String leader = steps.run(
                "leader",
                "A leader elected",
                () -> Poll.until("a leader is elected", LEADER_TIMEOUT, POLL, () -> {
                    List<StackProbe.Member> members = members(probe, spec);
                    return members.stream()
                            .filter(StackProbe.Member::leader)
                            .map(StackProbe.Member::name)
                            .findFirst()
                            .<Seen<String>>map(Seen::done)
                            .orElseGet(() -> Seen.notYet(describe(members)));
                }),
                l -> l + " leads");
        List<Planned> supervisor = launching(plan, Launch.IN_BACKGROUND_AFTER_LEADER_AND_IMAGE);
        if (!supervisor.isEmpty()) {
            services.add(supervisorImage
                    .ready()
                    .thenCompose(built -> beside.run("supervisor", () -> {
                        createAll(supervisor, state, material, actions, made);
                        return startAll(supervisor, existing, actions);
                    })));
        }
        // the roles need only the leader: made while the replicas clone
        CompletableFuture<String> roles =
                beside.run("roles", () -> new StackRoles(docker, plan.layout(), secrets).ensure(leader));
        steps.run("services", "Router, exporters and supervisor started", () -> {
            int started = 0;
            for (CompletableFuture<Integer> s : List.copyOf(services)) {
                started += Beside.join(s);
            }
            supervisorImage
                    .lines()
                    .forEach(l -> steps.progress("services", "Router, exporters and supervisor started", l));
            return started == 0
                    ? Outcome.skipped(0, "already running")
                    : Outcome.done(started, "started " + started + " (beside the steps above)");
        });
        List<String> replicas = steps.run(
                "replicas",
                "Every replica streaming",
                () -> awaitStreaming(probe, spec),
                r -> r.isEmpty() ? "no replicas in a one-node stack" : String.join(", ", r) + " streaming");
        steps.run("roles", "Application and monitoring roles", () -> Beside.join(roles), m -> m);
        steps.run(
                "router",
                "Router routing writes and reads",
                () -> awaitRouting(spec, probe, secrets, material.caFile(), leader, replicas),
                m -> m);

        ClusterConnection connection = connection(spec, secrets).withCaFile(material.caFile());
        boolean known = registry.find(spec.name()).isPresent();
        registry.save(connection);
        if (!known) {
            made.connection();
        }
        steps.run("backups", "Backups", () -> new StackBackupStart(docker, plan.layout()).ensure(leader));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("up {}: {} actions in {} ms", spec.name(), actions.size(), elapsed.toMillis());
        return new UpResult(
                spec.name(), actions, leader, connection, secrets.application().user(), elapsed);
    }

    @Override
    public UpResult restoreInPlace(ClusterConnection cluster, RestoreSeed seed, ProgressListener progress) {
        return new InPlaceRestore(docker, this).run(cluster, seed, progress);
    }

    @Override
    public UpResult rollBackInPlace(ClusterConnection cluster, String stamp, ProgressListener progress) {
        return new InPlaceRestore(docker, this).rollBack(cluster, stamp, progress);
    }

    @Override
    public DownResult down(String name, boolean removeVolumes, ProgressListener progress) {
        ClusterRegistry.checkName(name);
        long start = System.nanoTime();
        Steps steps = new Steps(progress);
        steps.run("docker", "Docker engine", docker::info, i -> "Docker " + i.serverVersion());
        StackState state = StackState.of(docker, name);
        List<String> removed = Collections.synchronizedList(new ArrayList<>());
        Map<Role, List<String>> byRole = new LinkedHashMap<>();
        for (DockerContainer c : state.containers().values()) {
            Role role = Role.valueOf(
                    c.labels().getOrDefault(StackLabels.ROLE, "router").toUpperCase(java.util.Locale.ROOT));
            byRole.computeIfAbsent(role, r -> new ArrayList<>()).add(c.name());
        }
        steps.run("stop", "Stop containers", () -> {
            // clients first, the DCS last, so Patroni can release its leader key while etcd is still there
            for (Role role :
                    List.of(Role.PROMETHEUS, Role.SUPERVISOR, Role.ROUTER, Role.EXPORTER, Role.POSTGRES, Role.ETCD)) {
                parallel(byRole.getOrDefault(role, List.of()), c -> docker.stop(c, STOP_GRACE));
            }
            int n = state.containers().size();
            return n == 0 ? Outcome.skipped(0, "no containers") : Outcome.done(n, "stopped " + n + " containers");
        });
        steps.run("remove", "Remove containers and network", () -> {
            parallel(List.copyOf(state.containers().keySet()), c -> {
                docker.remove(c);
                removed.add("container " + c);
            });
            String kept = "";
            if (state.network().isPresent()) {
                String network = state.network().get().name();
                try {
                    docker.removeNetwork(network);
                    removed.add("network " + network);
                } catch (PghaException e) {
                    if (e.kind() != PghaException.Kind.CONFLICT) {
                        throw e;
                    }
                    // containers that are not the stack's still use it; they are not ours to remove
                    kept = "; kept network " + network + ", other containers still use it";
                }
            }
            return removed.isEmpty()
                    ? Outcome.skipped(0, "nothing to remove" + kept)
                    : Outcome.done(removed.size(), "removed " + removed.size() + kept);
        });
        if (removeVolumes) {
            steps.run("volumes", "Remove data volumes and credentials", () -> {
                List<String> volumes =
                        state.volumes().stream().map(v -> v.name()).sorted().toList();
                parallel(volumes, v -> {
                    docker.removeVolume(v);
                    removed.add("volume " + v);
                });
                credentials.delete(name);
                restCredentials(name).delete(name);
                StackSecrets.deletePki(clusterDir(name));
                registry.remove(name);
                return Outcome.done(
                        volumes.size(), "removed " + volumes.size() + " volumes and the stored credentials");
            });
        }
        return new DownResult(name, removed, removeVolumes, Duration.ofNanos(System.nanoTime() - start));
    }

    @Override
    public DownResult removeCreated(String name, CreatedByRun made, ProgressListener progress) {
        ClusterRegistry.checkName(name);
        long start = System.nanoTime();
        Steps steps = new Steps(progress);
        StackState state = StackState.of(docker, name);
        Set<String> volumesNow = new TreeSet<>();
        state.volumes().forEach(v -> volumesNow.add(v.name()));
        made.volumes().stream().filter(v -> docker.volume(v).isPresent()).forEach(volumesNow::add);
        Cleanup cleanup = Cleanup.decide(
                made,
                state.containers().keySet(),
                state.network()
                        .map(n -> n.name())
                        .or(() -> made.network().filter(n -> docker.network(n).isPresent())),
                volumesNow,
                credentials.find(name).isPresent());
        List<String> removed = Collections.synchronizedList(new ArrayList<>());
        List<String> kept = new ArrayList<>(cleanup.kept());
        steps.run("cleanup", "Remove what this run created", () -> {
            parallel(cleanup.containers(), c -> {
                docker.stop(c, STOP_GRACE);
                docker.remove(c);
                removed.add("container " + c);
            });
            if (cleanup.network().isPresent()) {
                String network = cleanup.network().get();
                try {
                    docker.removeNetwork(network);
                    removed.add("network " + network);
                } catch (PghaException e) {
                    if (e.kind() != PghaException.Kind.CONFLICT) {
                        throw e;
                    }
                    kept.add("network " + network + " (other containers use it)");
                }
            }
            parallel(cleanup.volumes(), v -> {
                docker.removeVolume(v);
                removed.add("volume " + v);
            });
            if (cleanup.credentials()) {
                // the cluster's CA and its REST API login were made with its credentials
                credentials.delete(name);
                restCredentials(name).delete(name);
                StackSecrets.deletePki(clusterDir(name));
                removed.add("the stored credentials");
            }
            if (cleanup.connection()) {
                registry.removeConnection(name);
                credentials.deleteEtcdPassword(name);
                removed.add("the saved connection");
            }
            String keptNote = kept.isEmpty() ? "" : "; kept what existed before: " + String.join(", ", kept);
            return removed.isEmpty()
                    ? Outcome.skipped(0, "this run created nothing" + keptNote)
                    : Outcome.done(
                            removed.size(),
                            "removed "
                                    + String.join(
                                            ", ", removed.stream().sorted().toList()) + keptNote);
        });
        return new DownResult(
                name, removed, !cleanup.volumes().isEmpty(), Duration.ofNanos(System.nanoTime() - start), kept);
    }

    @Override
    public io.pgha.runtime.apply.RunningStack running(String name) {
        return new StackMembers(this, docker, credentials).running(name);
    }

    @Override
    public java.util.Map<String, io.pgha.runtime.apply.RunningStack.Unfinished> unfinishedReplaces(String name) {
        return ReplaceLeftovers.find(docker, StackState.of(docker, name), name);
    }

    @Override
    public Map<String, io.pgha.runtime.apply.MemberSetting> settings(
            String name, String member, java.util.Collection<String> parameters) {
        return new StackMembers(this, docker, credentials).settings(name, member, parameters);
    }

    @Override
    public String addMember(StackSpec grown, String member, Optional<String> image, Consumer<String> progress) {
        return new StackMembers(this, docker, credentials).add(grown, member, image, progress);
    }

    @Override
    public String removeMember(StackSpec shrunk, String member, boolean deleteVolume, Consumer<String> progress) {
        return new StackMembers(this, docker, credentials).remove(shrunk, member, deleteVolume, progress);
    }

    @Override
    public boolean imagePresent(String image) {
        return docker.imagePresent(image);
    }

    @Override
    public String replaceContainer(StackSpec spec, String member, String image, Consumer<String> progress) {
        return new MemberReplacement(this, docker, credentials).container(spec, member, image, progress);
    }

    @Override
    public String replaceMember(StackSpec spec, String member, boolean keepVolume, Consumer<String> progress) {
        return new MemberReplacement(this, docker, credentials).member(spec, member, keepVolume, progress);
    }

    @Override
    public String addEtcdMember(StackSpec spec, String member, Consumer<String> progress) {
        return new EtcdMemberChanges(this, docker, credentials).add(spec, member, progress);
    }

    @Override
    public String removeEtcdMember(StackSpec spec, String member, Consumer<String> progress) {
        return new EtcdMemberChanges(this, docker, credentials).remove(spec, member, progress);
    }

    @Override
    public String replaceEtcdMember(StackSpec spec, String member, Consumer<String> progress) {
        return new EtcdMemberChanges(this, docker, credentials).replace(spec, member, progress);
    }

    /** The saved connection (cluster.json) reaches etcd through the published ports of {@code members} (etcd-1 …). */
    void saveEtcdEndpoints(StackSpec spec, List<String> members) {
        String scheme = spec.security().tls() ? "https://" : "http://";
        List<String> endpoints = members.stream()
                .sorted()
                .map(m -> scheme + probeHost(spec) + ":" + spec.ports().etcdOf(EtcdMemberChanges.number(m)))
                .toList();
        registry.find(spec.name()).ifPresent(c -> registry.save(c.withEtcdEndpoints(endpoints)));
    }

    @Override
    public void close() {
        docker.close();
    }

    private static void refuseDrift(StackState state, StackSpec wanted) {
        SpecDrift.of(state.containers().values(), wanted).ifPresent(details -> {
            throw PghaException.conflict("stack " + wanted.name()
                    + " already exists with a different spec, which pgha up does not change in place (" + details
                    + "). Nothing was changed. To apply the new spec: pgha apply --spec FILE (node counts), or pgha"
                    + " down --name " + wanted.name()
                    + " (keeps the data) then pgha up with it; or run pgha up with the spec the stack runs");
        });
    }

    java.nio.file.Path clusterDir(String name) {
        return credentials.file(name).getParent();
    }

    private io.pgha.runtime.cluster.RestApiCredentialStore restCredentials(String name) {
        // beside credentials.json, under the same config root
        return new io.pgha.runtime.cluster.RestApiCredentialStore(
                clusterDir(name).getParent().getParent());
    }

    /** The network, the volumes and every container {@link Launch#createdUpFront} (a member added by apply). */
    Outcome<Integer> create(
            DockerPlan plan, StackState state, StackSecrets material, List<String> actions, CreatedByRun made) {
        return create(
                plan,
                state,
                material,
                actions,
                made,
                plan.containers().stream()
                        .filter(p -> Launch.of(p.role()).createdUpFront())
                        .toList());
    }

    /** The network, the volumes and the containers {@code upFront}, those that do not exist yet. */
    Outcome<Integer> create(
            DockerPlan plan,
            StackState state,
            StackSecrets material,
            List<String> actions,
            CreatedByRun made,
            List<Planned> upFront) {
        int before = actions.size();
        if (state.network().isEmpty()) {
            docker.createNetwork(plan.layout().network(), plan.networkLabels());
            made.network(plan.layout().network());
            actions.add("created network " + plan.layout().network());
        }
        List<String> volumes = state.volumes().stream().map(v -> v.name()).toList();
        parallel(
                plan.volumes().keySet().stream()
                        .filter(v -> !volumes.contains(v))
                        .toList(),
                v -> {
                    if (docker.volume(v).isPresent()) {
                        return; // there already, without the stack's labels: used as it is, and never this run's
                    }
                    docker.createVolume(v, plan.volumes().get(v));
                    made.volume(v);
                    actions.add("created volume " + v);
                });
        createAll(upFront, state, material, actions, made);
        int created = actions.size() - before;
        return created == 0
                ? Outcome.skipped(0, "all " + upFront.size() + " containers exist")
                : Outcome.done(created, "created " + created + " objects");
    }

    /** Creates the containers that do not exist yet, in parallel, each with its files copied in before it starts. */
    void createAll(
            List<Planned> containers,
            StackState state,
            StackSecrets material,
            List<String> actions,
            CreatedByRun made) {
        parallel(
                containers.stream()
                        .filter(p -> !state.containers().containsKey(p.name()))
                        .map(Planned::name)
                        .toList(),
                name -> {
                    Planned p = containers.stream()
                            .filter(c -> c.name().equals(name))
                            .findFirst()
                            .orElseThrow();
                    docker.createContainer(p.container());
                    made.container(name);
                    for (StackService.ConfigFile f : p.service().configFiles()) {
                        docker.copyFile(name, f.containerPath(), f.content().getBytes(StandardCharsets.UTF_8), 0644);
                    }
                    // certificates and passwords as owner-only files, before the container first starts
                    docker.copyFiles(name, material.files(p));
                    actions.add("created container " + name);
                });
    }

    /** The containers of the plan that {@link Launch} starts at {@code when}. */
    static List<Planned> launching(DockerPlan plan, Launch when) {
        return plan.containers().stream()
                .filter(p -> Launch.of(p.role()) == when)
                .toList();
    }

    /** Starts the containers of a layer that are not running; returns how many it started. */
    int startAll(List<Planned> layer, Map<String, DockerContainer> existing, List<String> actions) {
        List<String> toStart = layer.stream()
                .map(Planned::name)
                .filter(n -> existing.get(n) == null || !existing.get(n).running())
                .toList();
        parallel(toStart, n -> {
            docker.start(n);
            actions.add("started container " + n);
        });
        return toStart.size();
    }

    /** Creates when missing and starts when not running, one container after the other; returns how many it started. */
    int createAndStartOneByOne(
            List<Planned> containers,
            StackState state,
            StackSecrets material,
            Map<String, DockerContainer> existing,
            List<String> actions,
            CreatedByRun made) {
        return createAndStartOneByOne(containers, state, material, existing, actions, made, new EngineTurns());
    }

    /**
     * The same, beside the steps of {@code up}: one at a time while the critical path may still take a turn, each waiting
     * first (at most {@link #TURN_LIMIT}) until it holds none; once its turns are over, the rest all at once (started
     * together, the engine's work for several containers overlaps).
     */
    int createAndStartOneByOne(
            List<Planned> containers,
            StackState state,
            StackSecrets material,
            Map<String, DockerContainer> existing,
            List<String> actions,
            CreatedByRun made,
            EngineTurns turns) {
        int started = 0;
        List<Planned> left = new ArrayList<>(containers);
        while (!left.isEmpty()) {
            try {
                if (!turns.awaitFree(TURN_LIMIT)) {
                    LOG.debug("{} starts without its turn: the critical path held it {}", left.getFirst(), TURN_LIMIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PghaException.timeout(
                        "interrupted before starting " + left.getFirst().name());
            }
            if (turns.over()) {
                java.util.concurrent.atomic.AtomicInteger together = new java.util.concurrent.atomic.AtomicInteger();
                parallel(left.stream().map(Planned::name).toList(), name -> {
                    List<Planned> one =
                            left.stream().filter(p -> p.name().equals(name)).toList();
                    createAll(one, state, material, actions, made);
                    together.addAndGet(startAll(one, existing, actions));
                });
                return started + together.get();
            }
            Planned p = left.removeFirst();
            createAll(List.of(p), state, material, actions, made);
            started += startAll(List.of(p), existing, actions);
        }
        return started;
    }

    /** Waits until every replica of the spec streams from the leader on its timeline; returns their names, sorted. */
    static List<String> awaitStreaming(StackProbe probe, StackSpec spec) {
        return Poll.until("every replica streams", REPLICAS_TIMEOUT, POLL, () -> {
            List<StackProbe.Member> members = members(probe, spec);
            Optional<StackProbe.Member> lead =
                    members.stream().filter(StackProbe.Member::leader).findFirst();
            List<String> streaming = members.stream()
                    .filter(StackProbe.Member::streaming)
                    .filter(m -> lead.isPresent()
                            && java.util.Objects.equals(m.timeline(), lead.get().timeline()))
                    .map(StackProbe.Member::name)
                    .sorted()
                    .toList();
            return lead.isPresent() && streaming.size() == spec.nodes() - 1
                    ? Seen.done(streaming)
                    : Seen.notYet(describe(members));
        });
    }

    private String awaitRouting(
            StackSpec spec,
            StackProbe probe,
            StackCredentials secrets,
            Optional<String> caFile,
            String leader,
            List<String> replicas) {
        Poll.until("the router sees the leader and the replicas up", ROUTER_TIMEOUT, POLL, () -> {
            Optional<Map<String, Map<String, String>>> states =
                    probe.routerStates(spec.ports().stats());
            if (states.isEmpty()) {
                return Seen.notYet("router stats on port " + spec.ports().stats() + " do not answer");
            }
            boolean primaryUp =
                    "UP".equals(states.get().getOrDefault("primary", Map.of()).get(leader));
            boolean replicasUp = replicas.stream()
                    .allMatch(r -> "UP"
                            .equals(states.get()
                                    .getOrDefault("replicas", Map.of())
                                    .get(r)));
            return primaryUp && replicasUp ? Seen.done(true) : Seen.notYet("router states " + states.get());
        });
        String host = probeHost(spec);
        StackCredentials.Login su = secrets.superuser();
        // every router's ports: the second router (docs/decisions/0030) is checked through its own
        List<Integer> writes = spec.ports().writePorts(spec.routers());
        List<Integer> reads = spec.ports().readPorts(spec.routers());
        // every port's probe at once: each is a TLS connection and a SCRAM login, and none waits for another
        List<String> probes = new ArrayList<>();
        writes.forEach(port -> probes.add("write " + port));
        if (!replicas.isEmpty()) {
            reads.forEach(port -> probes.add("read " + port));
        }
        parallel(probes, p -> {
            boolean write = p.startsWith("write ");
            int port = Integer.parseInt(p.substring(p.indexOf(' ') + 1));
            Poll.until(
                    write
                            ? "a write through port " + port + " succeeds"
                            : "a read through port " + port + " reaches a replica",
                    ROUTER_TIMEOUT,
                    POLL,
                    () -> (write
                                    ? RoutingProbe.writeProblem(host, port, su.user(), su.password(), caFile)
                                    : RoutingProbe.readProblem(host, port, su.user(), su.password(), caFile))
                            .<Seen<Boolean>>map(Seen::notYet)
                            .orElseGet(() -> Seen.done(true)));
        });
        String writePorts = writes.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        if (replicas.isEmpty()) {
            return "writes on " + writePorts + " reach " + leader + "; no replicas to read from";
        }
        return "writes on " + writePorts + " reach " + leader + ", reads on "
                + reads.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                + " reach replicas";
    }

    static List<StackProbe.Member> members(StackProbe probe, StackSpec spec) {
        for (int i = 0; i < spec.nodes(); i++) {
            Optional<List<StackProbe.Member>> m = probe.members(spec.ports().patroniOf(i));
            if (m.isPresent()) {
                return m.get();
            }
        }
        return List.of();
    }

    static String describe(List<StackProbe.Member> members) {
        return members.isEmpty()
                ? "no Patroni answers"
                : members.stream()
                        .map(m -> m.name() + " " + m.role() + "/" + m.state())
                        .collect(Collectors.joining(", "));
    }

    private static StackCredentials generate(StackSpec spec) {
        return StackCredentials.generate(
                spec.users().superuser(),
                spec.users().replication(),
                spec.users().admin());
    }

    /** Where the host reaches the published ports: the bind address, or loopback when bound to every address. */
    static String probeHost(StackSpec spec) {
        String bind = spec.bindAddress();
        if (bind.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (bind.equals("::")) {
            return "[::1]";
        }
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }

    /** etcd's client URLs from this machine: https on a stack with TLS. */
    static List<String> etcdEndpoints(StackSpec spec) {
        String host = probeHost(spec);
        String scheme = spec.security().tls() ? "https://" : "http://";
        List<String> etcd = new ArrayList<>();
        for (int m = 1; m <= spec.etcdMembers(); m++) {
            etcd.add(scheme + host + ":" + spec.ports().etcdOf(m));
        }
        return etcd;
    }

    /** How pgha reaches the stack; on a stack whose etcd has users, as etcd's user pgha (its password kept owner-only). */
    static ClusterConnection connection(StackSpec spec, StackCredentials secrets) {
        String host = probeHost(spec);
        StackLayout layout = StackLayout.of(spec);
        List<String> etcd = etcdEndpoints(spec);
        Optional<ClusterConnection.EtcdAuth> etcdAuth = layout.etcdUsers()
                ? Optional.of(new ClusterConnection.EtcdAuth(
                        Optional.of(EtcdAccessPolicy.PGHA),
                        Optional.of(secrets.etcd().pgha()),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()))
                : Optional.empty();
        Map<String, String> patroni = new LinkedHashMap<>();
        String scheme = spec.security().tls() ? "https://" : "http://";
        for (int n = 0; n < spec.nodes(); n++) {
            patroni.put(
                    layout.pgNodes().get(n), scheme + host + ":" + spec.ports().patroniOf(n));
        }
        return new ClusterConnection(
                spec.name(),
                spec.scope(),
                etcd,
                etcdAuth,
                patroni,
                Optional.of(new ClusterConnection.RouterEndpoints(
                        host,
                        spec.ports().write(),
                        spec.ports().read(),
                        "http://" + host + ":" + spec.ports().stats() + "/",
                        spec.routers() > 1 ? spec.ports().secondWrite() : 0,
                        spec.routers() > 1 ? spec.ports().secondRead() : 0)),
                Optional.of(spec.name()),
                ClusterConnection.Origin.PROVISIONED,
                spec.monitoring().prometheus()
                        ? Optional.of("http://" + host + ":" + spec.ports().prometheus())
                        : Optional.empty(),
                Optional.empty());
    }

    private static void parallel(List<String> items, Consumer<String> action) {
        if (items.isEmpty()) {
            return;
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures =
                    items.stream().map(i -> pool.submit(() -> action.accept(i))).collect(Collectors.toList());
            PghaException first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof PghaException p
                                ? p
                                : new PghaException(
                                        PghaException.Kind.UNAVAILABLE, String.valueOf(e.getCause()), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw PghaException.timeout("interrupted");
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
