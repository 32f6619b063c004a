package io.pgha.runtime.provision;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.dcs.Dcs;
import io.pgha.runtime.docker.DockerContainer;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.ExecResult;
import io.pgha.runtime.provision.Steps.Outcome;
import io.pgha.runtime.stack.StackService.Role;
import io.pgha.runtime.stack.StackSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code pgha restore --in-place} (docs/decisions/0025): the stack rebuilt from its own repository. The supervisor and
 * the PostgreSQL nodes stop, Patroni's keys of the scope leave etcd, then the stack's own {@code up} runs with an
 * in-place {@link RestoreSeed} (each data volume's content moved aside, the first node restored and recovered, started
 * alone, the others cloned from it, router, roles), and only when that ended healthy is the set-aside data deleted.
 * The repository volume, etcd, the router, the exporters, the credentials and the ports stay as they are.
 */
final class InPlaceRestore {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration DCS_DEADLINE = Duration.ofSeconds(10);
    private static final Duration EXEC = Duration.ofSeconds(120);

    private final DockerEngine docker;
    private final StackProvisioner provisioner;

    InPlaceRestore(DockerEngine docker, StackProvisioner provisioner) {
        this.docker = docker;
        this.provisioner = provisioner;
    }

    UpResult run(ClusterConnection cluster, RestoreSeed seed, ProgressListener progress) {
        String name = cluster.dockerStack().orElseThrow();
        StackState state = StackState.of(docker, name);
        StackSpec spec = state.runningSpec()
                .orElseThrow(() -> PghaException.notFound("stack " + name + " has no containers made by pgha up"));
        spec = spec.toBuilder()
                .images(state.runningProfile().orElse(spec.images()))
                .build();
        Steps steps = new Steps(progress);
        List<String> postgres = withRole(state, Role.POSTGRES);
        List<String> supervisor = withRole(state, Role.SUPERVISOR);
        steps.run("stop", "Stop the supervisor and the PostgreSQL nodes", () -> {
            // the supervisor first: it must not act on a leader that goes away on purpose
            supervisor.forEach(c -> docker.stop(c, STOP_GRACE));
            postgres.parallelStream().forEach(c -> docker.stop(c, STOP_GRACE));
            return Outcome.done(postgres.size(), "stopped " + String.join(", ", concat(supervisor, postgres)));
        });
        String scope = spec.scope();
        steps.run("dcs", "The cluster's keys out of etcd", () -> {
            try (Dcs dcs = Dcs.connect(cluster)) {
                long removed = dcs.removeScope(scope, DCS_DEADLINE);
                return Outcome.done(
                        removed,
                        "removed " + removed + " keys under /service/" + scope
                                + "/, so that Patroni takes the restored data as the cluster's");
            }
        });
        UpResult up;
        try {
            up = provisioner.up(spec, progress, new CreatedByRun(), Optional.of(seed));
        } catch (PghaException e) {
            throw new PghaException(
                    e.kind(),
                    e.getMessage() + ". Nothing was deleted: once the restore had begun, the data the PostgreSQL"
                            + " volumes had before it is in each of them under /home/postgres/pgdata/"
                            + RestoreSeed.SET_ASIDE + "<time>. If " + RestoreSeed.FIRST + " already leads on the"
                            + " restored data (pgha status), pgha up completes the rest; otherwise do not run pgha up"
                            + " (nodes on empty data with no cluster in etcd would make a new one): see"
                            + " docs/decisions/0025, after a failed in-place restore",
                    e);
        }
        steps.run("set-aside", "Delete the data from before the restore", () -> {
            List<String> failed = new ArrayList<>();
            for (String c : postgres) {
                ExecResult r = docker.exec(c, RestoreSeed.dropSetAside(), EXEC);
                if (!r.ok()) {
                    failed.add(c + ": " + r.stderr().strip());
                }
            }
            if (!failed.isEmpty()) {
                throw PghaException.unavailable("the restored cluster is healthy, but deleting the old data failed in "
                        + String.join("; ", failed));
            }
            return Outcome.done(
                    postgres.size(),
                    "deleted " + RestoreSeed.SET_ASIDE + "* in " + postgres.size()
                            + " data volumes, now that the restored cluster is healthy");
        });
        return up;
    }

    private static List<String> withRole(StackState state, Role role) {
        return state.containers().values().stream()
                .filter(c ->
                        role.name().toLowerCase(Locale.ROOT).equals(c.labels().get(StackLabels.ROLE)))
                .map(DockerContainer::name)
                .sorted()
                .toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
