package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.drill.DrillTarget;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.model.SourceStatus;
import io.pgha.runtime.monitor.ClusterMonitor;
import io.pgha.runtime.stack.StackImages;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Whether a drill may run against a cluster and where it aims, for {@code pgha drill} and the console's Drills tab alike:
 * the members and etcd containers of its snapshot, the Patroni URLs and router of its connection, the superuser's stored
 * password (the compose stack's default one when pgha did not make the cluster).
 */
public final class DrillPlanning {

    /** The compose stack's superuser (stack/.env.postgres), for clusters pgha attached to rather than made. */
    public static final StackCredentials.Login COMPOSE_SUPERUSER = new StackCredentials.Login("postgres", "postgres");

    private DrillPlanning() {}

    /**
     * Why drills cannot run on this cluster now, or empty when they can: they inject faults through Docker into the members'
     * containers, write through the router and watch from the stack's network.
     */
    public static Optional<String> unavailableReason(ClusterConnection connection, ClusterSnapshot snapshot) {
        if (connection.dockerStack().isEmpty()) {
            return Optional.of("Drills need the cluster's containers on the local Docker engine; " + connection.name()
                    + " was attached without them.");
        }
        if (connection.router().isEmpty()) {
            return Optional.of(
                    "Drills write through the router's write port; no router is known for " + connection.name() + ".");
        }
        Optional<SourceStatus> docker = snapshot.source(Source.DOCKER);
        if (docker.isEmpty() || !docker.get().available()) {
            return Optional.of("Docker is not available"
                    + docker.flatMap(SourceStatus::reason).map(e -> ": " + e).orElse("")
                    + ". Drills need the local Docker engine.");
        }
        if (snapshot.members().isEmpty()) {
            return Optional.of("Waiting for the cluster's members.");
        }
        List<String> without = members(snapshot).stream()
                .filter(m -> snapshot.containerOf(m).isEmpty())
                .toList();
        if (!without.isEmpty()) {
            return Optional.of("Drills need each member's container on the local Docker engine; none runs "
                    + String.join(", ", without) + ".");
        }
        List<String> missingUrls = members(snapshot).stream()
                .filter(m -> !connection.patroniUrls().containsKey(m))
                .toList();
        if (!missingUrls.isEmpty()) {
            return Optional.of("No Patroni REST URL is known for " + String.join(", ", missingUrls) + ".");
        }
        if (etcdContainers(snapshot).isEmpty()) {
            return Optional.of("Drills need the etcd members' containers; none is among the stack's containers.");
        }
        return Optional.empty();
    }

    /**
     * The snapshot drills are planned on: the first that leaves no reason not to run, or the latest when {@code wait}
     * is over. A complete snapshot is not enough: the monitor settles without a slow source (Docker's first answer
     * on a busy engine), and drills need Docker.
     */
    public static ClusterSnapshot awaitTarget(ClusterConnection connection, ClusterMonitor monitor, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        ClusterSnapshot settled = monitor.awaitComplete(wait);
        if (unavailableReason(connection, settled).isEmpty()) {
            return settled;
        }
        CompletableFuture<ClusterSnapshot> ready = new CompletableFuture<>();
        try (ClusterMonitor.Subscription ignored = monitor.onSnapshot(s -> {
            if (unavailableReason(connection, s).isEmpty()) {
                ready.complete(s);
            }
        })) {
            return ready.get(
                    Math.max(0, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return monitor.current();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return monitor.current();
        }
    }

    /** The PostgreSQL members a drill disturbs, by name. */
    public static List<String> members(ClusterSnapshot snapshot) {
        return snapshot.members().stream().map(Member::name).sorted().toList();
    }

    /** Each member's container by name, for the members whose container is named otherwise. */
    public static Map<String, String> containers(ClusterSnapshot snapshot) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String m : members(snapshot)) {
            snapshot.containerOf(m)
                    .map(ContainerInfo::name)
                    .filter(name -> !name.equals(m))
                    .ifPresent(name -> result.put(m, name));
        }
        return result;
    }

    /** The etcd members' containers, in the order the etcd drills stop them. */
    public static List<String> etcdContainers(ClusterSnapshot snapshot) {
        return snapshot.containers().stream()
                .filter(c -> "etcd".equals(c.role()))
                .map(ContainerInfo::name)
                .sorted()
                .toList();
    }

    /** The target for the cluster as the snapshot shows it; refused with the reason when drills cannot run now. */
    public static DrillTarget target(
            ClusterConnection connection,
            ClusterSnapshot snapshot,
            Optional<StackCredentials.Login> superuser,
            Consumer<String> progress) {
        unavailableReason(connection, snapshot).ifPresent(why -> {
            throw PghaException.invalidInput(why);
        });
        return target(
                connection, members(snapshot), etcdContainers(snapshot), containers(snapshot), superuser, progress);
    }

    /**
     * The target for the given members and etcd containers of the cluster.
     *
     * @param superuser the login the writers use; empty: the compose stack's default superuser (with a progress note)
     */
    public static DrillTarget target(
            ClusterConnection connection,
            List<String> members,
            List<String> etcdContainers,
            Map<String, String> containers,
            Optional<StackCredentials.Login> superuser,
            Consumer<String> progress) {
        String network = connection
                .dockerStack()
                .orElseThrow(() -> PghaException.invalidInput("cluster '" + connection.name()
                        + "' does not run on the local Docker engine: drills need its containers"));
        ClusterConnection.RouterEndpoints router = connection
                .router()
                .orElseThrow(() -> PghaException.invalidInput(
                        "cluster '" + connection.name() + "' has no router: drills write through its write port"));
        if (members.isEmpty()) {
            throw PghaException.invalidInput("a drill needs the cluster's PostgreSQL members");
        }
        Map<String, String> urls = new LinkedHashMap<>();
        for (String m : members) {
            String url = connection.patroniUrls().get(m);
            if (url == null) {
                throw PghaException.invalidInput(
                        "no Patroni REST URL is known for " + m + "; attach the cluster again with every member");
            }
            urls.put(m, url);
        }
        StackCredentials.Login login = superuser.orElseGet(() -> {
            progress.accept("no stored credentials for " + connection.name()
                    + ": writing as the compose stack's superuser " + COMPOSE_SUPERUSER.user());
            return COMPOSE_SUPERUSER;
        });
        return new DrillTarget(
                connection.scope(),
                members,
                etcdContainers,
                network,
                router.host(),
                router.writePort(),
                router.readPort(),
                urls,
                login.user(),
                login.password(),
                StackImages.SUPERVISOR,
                connection.caFile(),
                new io.pgha.runtime.cluster.RestApiCredentialStore().find(connection.name()),
                containers,
                router.writePorts(),
                connection.etcdEndpoints(),
                connection.etcdAuth());
    }
}
