package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.ConfigDirs;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.RestApiCredentialStore;
import io.pgha.runtime.cluster.RestApiCredentials;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.cluster.SwarmDeployment;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.patroni.PatroniClient;
import io.pgha.runtime.patroni.PatroniCluster;
import io.pgha.runtime.provision.Poll;
import io.pgha.runtime.provision.ProgressEvent;
import io.pgha.runtime.provision.ProgressEvent.Status;
import io.pgha.runtime.provision.ProgressListener;
import io.pgha.runtime.provision.UpResult;
import io.pgha.runtime.stack.StackLayout;
import io.pgha.runtime.stack.StackService;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.SwarmStackRenderer;
import io.pgha.runtime.swarm.DockerJavaSwarm;
import io.pgha.runtime.swarm.DockerStackCli;
import io.pgha.runtime.swarm.SwarmManager;
import io.pgha.runtime.swarm.SwarmNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code pgha up --swarm ENDPOINT}: the stack of {@code export-compose --swarm} placed on a Docker Swarm through
 * {@code docker stack deploy}, then registered like a stack on the local engine, so that status, credentials and down
 * work on it (docs/decisions/0043). Steps as {@code up} shows them: the manager and its nodes, the files, the deploy,
 * the services running, a leader, the replicas streaming. Running it again on a healthy stack changes nothing.
 */
public final class SwarmUp {

    static final Duration HEALTHY = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofSeconds(2);

    private final Path root;

    public SwarmUp() {
        this(ConfigDirs.root());
    }

    public SwarmUp(Path root) {
        this.root = root;
    }

    public UpResult up(
            StackSpec requested,
            String endpoint,
            List<String> hosts,
            List<String> addresses,
            ProgressListener progress) {
        long start = System.nanoTime();
        SwarmStackRenderer.swarmSpec(requested); // refuses what a Swarm cannot run before the manager is asked
        ClusterRegistry registry = new ClusterRegistry(root);
        Path dir = registry.dir(requested.name());
        if (registry.find(requested.name()).isPresent()
                && SwarmDeployment.read(dir).isEmpty()) {
            throw PghaException.conflict("a cluster named " + requested.name() + " is already known and does not run on"
                    + " a Swarm (pgha clusters lists it); choose another name in the spec, or pgha down -c "
                    + requested.name() + " first");
        }
        SwarmPlan plan = step(progress, "swarm", "Swarm manager and nodes", () -> {
            try (SwarmManager swarm = DockerJavaSwarm.connect(endpoint)) {
                List<SwarmNode> nodes = swarm.nodes();
                SwarmPlan p = SwarmPlan.of(requested, endpoint, hosts, addresses, nodes);
                return new Done<>(
                        p,
                        nodes.size() + " node(s); members on " + String.join(", ", p.hosts()) + " at "
                                + String.join(", ", p.addresses()));
            }
        });
        StackSpec spec = plan.spec();
        DockerStackCli docker = new DockerStackCli(endpoint);
        refuseDrift(dir, plan, docker);
        step(progress, "files", "Stack file, secrets and certificates", () -> {
            CredentialStore credentials = new CredentialStore(root);
            StackCredentials logins = credentials.find(spec.name()).orElseGet(() -> {
                StackCredentials fresh = SwarmStackFiles.logins(spec);
                credentials.save(spec.name(), fresh);
                return fresh;
            });
            SwarmStackFiles.write(spec, plan.placement(), dir, logins, plan.addresses());
            new RestApiCredentialStore(root)
                    .save(
                            spec.name(),
                            new RestApiCredentials(
                                    logins.restApi().user(), logins.restApi().password()));
            // registered before the deploy: a run that fails half-way leaves a stack that pgha down can find
            plan.deployment().save(dir);
            registry.save(plan.connection(
                    Optional.of(dir.resolve("pki").resolve("ca.crt").toString())));
            return new Done<>(dir, "in " + dir + " (owner-only), registered as cluster " + spec.name());
        });
        try {
            return bringUp(plan, docker, registry, progress, start);
        } catch (PghaException e) {
            throw new PghaException(
                    e.kind(),
                    e.getMessage() + ". The stack may be half-built: run pgha up --swarm " + endpoint
                            + " again to complete it, or pgha down -c " + spec.name()
                            + " to remove it (add --volumes --yes to delete its data too)",
                    e);
        }
    }

    /** A running stack deployed with another spec or placement is left as it is (docs/decisions/0043). */
    private static void refuseDrift(Path dir, SwarmPlan plan, DockerStackCli docker) {
        Optional<SwarmDeployment> made = SwarmDeployment.read(dir);
        if (made.isEmpty()) {
            return;
        }
        List<String> differences = SwarmDrift.between(made.get(), plan.spec(), plan.hosts());
        if (differences.isEmpty() || docker.services(plan.spec().name()).isEmpty()) {
            return; // the same stack, or one taken down with its data kept: deployed from the new files
        }
        String name = plan.spec().name();
        throw PghaException.conflict("stack " + name + " already runs on the Swarm with a different spec, which pgha up"
                + " --swarm does not change in place (" + String.join("; ", differences) + "). Nothing was changed."
                + " To apply the new spec: pgha down -c " + name + " (keeps the data) then pgha up --swarm with it;"
                + " or run pgha up --swarm with the spec the stack runs");
    }

    private UpResult bringUp(
            SwarmPlan plan, DockerStackCli docker, ClusterRegistry registry, ProgressListener progress, long start) {
        StackSpec spec = plan.spec();
        List<String> wanted = StackLayout.compose(spec).services().stream()
                .map(StackService::name)
                .toList();
        boolean deployed = step(progress, "deploy", "docker stack deploy", () -> {
            Map<String, String> running = docker.services(spec.name());
            if (running.keySet().containsAll(wanted) && missing(running, wanted).isEmpty()) {
                return new Done<>(false, "stack " + spec.name() + " already deployed, every service running", true);
            }
            docker.deploy(registry.dir(spec.name()), SwarmStackRenderer.STACK_FILE, spec.name());
            return new Done<>(
                    true,
                    (running.isEmpty()
                                    ? "deployed "
                                    : "deployed again (" + missing(running, wanted) + " not running): ")
                            + wanted.size() + " services");
        });
        step(progress, "services", "Services running", () -> {
            Map<String, String> seen = poll(
                    "every service of " + spec.name() + " running",
                    () -> {
                        Map<String, String> s = docker.services(spec.name());
                        List<String> missing = missing(s, wanted);
                        return missing.isEmpty() ? Optional.of(s) : Optional.empty();
                    },
                    () -> "not running yet: " + missing(docker.services(spec.name()), wanted));
            return new Done<>(
                    seen, seen.size() + " services; the router on " + seen.getOrDefault("pg-router", "?") + " nodes");
        });
        ClusterConnection connection = registry.get(spec.name());
        String leader = step(progress, "leader", "Leader", () -> {
            PatroniCluster c = poll(
                    "a leader",
                    () -> cluster(connection)
                            .filter(k -> k.leader().filter(Member::isRunning).isPresent()),
                    () -> "no running leader yet");
            String l = c.leader().orElseThrow().name();
            return new Done<>(l, l + " leads, on " + plan.hosts().get(nodeIndex(l)));
        });
        step(progress, "replicas", "Replicas streaming", () -> {
            int want = spec.nodes() - 1;
            PatroniCluster c = poll(
                    want + " replica(s) streaming",
                    () -> cluster(connection)
                            .filter(k -> streaming(k) >= want && k.leader().isPresent()),
                    () -> "fewer than " + want + " replicas streaming");
            return new Done<>(c, streaming(c) + " of " + want + " streaming");
        });
        List<String> actions =
                deployed ? List.of("deployed stack " + spec.name() + " on " + plan.endpoint()) : List.of();
        return new UpResult(
                spec.name(),
                actions,
                leader,
                connection,
                spec.users().superuser(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static int nodeIndex(String member) {
        return Integer.parseInt(member.substring("pg-".length()));
    }

    private static long streaming(PatroniCluster c) {
        return c.members().stream().filter(Member::isStreaming).count();
    }

    /** GET /cluster from the first member that answers. */
    private static Optional<PatroniCluster> cluster(ClusterConnection c) {
        for (String url : c.patroniUrls().values()) {
            try {
                return Optional.of(PatroniClient.create(url, c.caFile(), Duration.ofSeconds(3))
                        .cluster());
            } catch (RuntimeException notYet) {
                // that member is not up yet: ask the next
            }
        }
        return Optional.empty();
    }

    /** Services whose replicas are not all running (0/1), or not there at all. */
    static List<String> missing(Map<String, String> services, List<String> wanted) {
        List<String> missing = new ArrayList<>();
        for (String w : wanted) {
            String r = services.get(w);
            String[] parts = r == null ? new String[0] : r.split("/");
            if (parts.length != 2 || !parts[0].equals(parts[1].replaceAll("\\D.*", "")) || parts[0].equals("0")) {
                missing.add(w);
            }
        }
        return missing;
    }

    private static <T> T poll(String what, Supplier<Optional<T>> check, Supplier<String> state) {
        return Poll.until(what, HEALTHY, POLL, check, state);
    }

    /** A step's value and what to say of it; skipped when nothing had to be done. */
    record Done<T>(T value, String message, boolean skipped) {
        Done(T value, String message) {
            this(value, message, false);
        }
    }

    static <T> T step(ProgressListener progress, String step, String title, Supplier<Done<T>> work) {
        long start = System.nanoTime();
        progress.on(new ProgressEvent(step, title, Status.STARTED, "", Duration.ZERO));
        try {
            Done<T> d = work.get();
            progress.on(new ProgressEvent(
                    step, title, d.skipped() ? Status.SKIPPED : Status.DONE, d.message(), since(start)));
            return d.value();
        } catch (PghaException e) {
            progress.on(new ProgressEvent(step, title, Status.FAILED, e.getMessage(), since(start)));
            throw e;
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
