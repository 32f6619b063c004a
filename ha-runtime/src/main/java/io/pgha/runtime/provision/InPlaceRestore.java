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
        StackSpec spec = spec(state, name);
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
        } catch (RuntimeException e) {
            PghaException failure =
                    e instanceof PghaException p ? p : PghaException.unavailable(String.valueOf(e.getMessage()), e);
            throw rolledBack(cluster, spec, state, concat(supervisor, postgres), seed.stamp(), progress, failure);
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

    /**
     * The failed restore rolled back (docs/decisions/0034): the stack on its old data again, and the failure said with
     * that; when the rollback fails too, where the old data is and the one command that tries the rollback again.
     */
    private PghaException rolledBack(
            ClusterConnection cluster,
            StackSpec spec,
            StackState state,
            List<String> stop,
            String stamp,
            ProgressListener progress,
            PghaException failure) {
        try {
            UpResult back =
                    new InPlaceRollback(docker, provisioner).run(cluster, spec, image(state), stop, stamp, progress);
            return new PghaException(
                    failure.kind(),
                    "the in-place restore failed: " + failure.getMessage() + ". It was rolled back: " + spec.name()
                            + " runs again on the data it had before the restore (" + back.leader()
                            + " leads), nothing of the attempt is left, and the repository is as it was; fix the"
                            + " cause and run the restore again",
                    failure);
        } catch (RuntimeException r) {
            failure.addSuppressed(r);
            return new PghaException(
                    failure.kind(),
                    "the in-place restore failed: " + failure.getMessage() + ". Rolling it back failed too: "
                            + r.getMessage() + ". Nothing was deleted: the data the PostgreSQL volumes had before the"
                            + " restore is in each of them under /home/postgres/pgdata/" + RestoreSeed.SET_ASIDE
                            + stamp + ". Once the cause is fixed, try the rollback again with: pgha restore -c "
                            + cluster.name() + " --roll-back " + stamp + " --yes (do not run pgha up before: nodes"
                            + " on empty data with no cluster in etcd would make a new one)",
                    failure);
        }
    }

    /** {@code pgha restore --roll-back STAMP}: the rollback of an in-place restore run again (docs/decisions/0034). */
    UpResult rollBack(ClusterConnection cluster, String stamp, ProgressListener progress) {
        String name = cluster.dockerStack().orElseThrow();
        StackState state = StackState.of(docker, name);
        StackSpec spec = spec(state, name);
        List<String> stop = concat(withRole(state, Role.SUPERVISOR), withRole(state, Role.POSTGRES));
        return new InPlaceRollback(docker, provisioner).run(cluster, spec, image(state), stop, stamp, progress);
    }

    private static StackSpec spec(StackState state, String name) {
        StackSpec spec = state.runningSpec()
                .orElseThrow(() -> PghaException.notFound("stack " + name + " has no containers made by pgha up"));
        return spec.toBuilder()
                .images(state.runningProfile().orElse(spec.images()))
                .build();
    }

    private static String image(StackState state) {
        return state.containers().values().stream()
                .filter(c -> Role.POSTGRES
                        .name()
                        .toLowerCase(Locale.ROOT)
                        .equals(c.labels().get(StackLabels.ROLE)))
                .map(DockerContainer::image)
                .findFirst()
                .orElseThrow(() -> PghaException.notFound("the stack has no PostgreSQL container"));
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
