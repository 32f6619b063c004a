package io.pgha.runtime.provision;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.dcs.Dcs;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.ExecResult;
import io.pgha.runtime.provision.Steps.Outcome;
import io.pgha.runtime.stack.StackLayout;
import io.pgha.runtime.stack.StackSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * After an in-place restore failed (docs/decisions/0034): the stack put back on the data it had before. Its PostgreSQL
 * nodes and supervisor stop again, a helper of the stack's PostgreSQL image moves, in each data volume that has one, the
 * content of this attempt's {@link RestoreSeed#SET_ASIDE}{@code <stamp>} back to the volume's top (what the failed
 * attempt left there deleted: it came from the repository, which still has it), Patroni's keys of the scope leave etcd
 * again (the restored node may have written its own), and the stack's own {@code up} starts every node on its old data:
 * with no cluster in etcd Patroni takes the data as the cluster's and the most advanced node wins the leader race, as
 * after any loss of the DCS. Each step may run again: a volume without this stamp's directory is left as it is.
 */
final class InPlaceRollback {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration DCS_DEADLINE = Duration.ofSeconds(10);
    private static final Duration EXEC = Duration.ofSeconds(300);

    private final DockerEngine docker;
    private final StackProvisioner provisioner;

    InPlaceRollback(DockerEngine docker, StackProvisioner provisioner) {
        this.docker = docker;
        this.provisioner = provisioner;
    }

    /** Puts {@code spec}'s stack back on the data set aside under {@code stamp}; returns the stack's up. */
    UpResult run(
            ClusterConnection cluster,
            StackSpec spec,
            String image,
            List<String> stop,
            String stamp,
            ProgressListener progress) {
        Steps steps = new Steps(progress);
        steps.run("rollback-stop", "Stop the nodes the failed restore started", () -> {
            stop.parallelStream().filter(c -> docker.container(c).isPresent()).forEach(c -> docker.stop(c, STOP_GRACE));
            return Outcome.done(stop.size(), "stopped " + String.join(", ", stop));
        });
        steps.run("rollback-data", "The data from before the restore back in place", () -> {
            List<String> back = moveBack(spec, image, stamp);
            return Outcome.done(
                    back.size(),
                    back.isEmpty()
                            ? "nothing was set aside yet: the data volumes are as they were"
                            : "moved " + RestoreSeed.SET_ASIDE + stamp + " back in " + String.join(", ", back));
        });
        steps.run("rollback-dcs", "The failed restore's keys out of etcd", () -> {
            try (Dcs dcs = Dcs.connect(cluster)) {
                long removed = dcs.removeScope(spec.scope(), DCS_DEADLINE);
                return Outcome.done(removed, "removed " + removed + " keys under /service/" + spec.scope() + "/");
            }
        });
        return provisioner.up(spec, progress, new CreatedByRun(), Optional.empty());
    }

    /** In a helper that mounts every data volume: this stamp's set-aside data moved back; the volumes it did. */
    private List<String> moveBack(StackSpec spec, String image, String stamp) {
        StackLayout layout = StackLayout.of(spec);
        String helper = layout.containerName(RestoreSeed.FIRST) + "-rollback";
        docker.container(helper).ifPresent(c -> docker.remove(helper));
        Map<String, String> mounts = new LinkedHashMap<>();
        layout.pgNodes().forEach(n -> mounts.put(layout.volumeName(n + "-data"), RestoreSeed.ASIDE_MOUNT + n));
        docker.createContainer(RestoreSeed.helperSpec(image, helper, layout.network(), spec.name(), mounts));
        try {
            docker.start(helper);
            ExecResult r = docker.exec(helper, List.of("sh", "-c", moveBackScript(stamp)), EXEC);
            if (!r.ok()) {
                throw PghaException.unavailable(
                        "cannot move the data from before the restore back: " + (r.stdout() + r.stderr()).strip());
            }
            return r.stdout()
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .toList();
        } finally {
            docker.remove(helper);
        }
    }

    /**
     * As root in the helper: in each mounted data volume that has {@link RestoreSeed#SET_ASIDE}{@code stamp}, what the
     * failed attempt left at the top deleted (earlier set-aside directories kept), that directory's content moved back
     * and the directory removed; prints each volume's node.
     */
    static String moveBackScript(String stamp) {
        String aside = RestoreSeed.SET_ASIDE + stamp;
        return "set -eu\n"
                + "for d in " + RestoreSeed.ASIDE_MOUNT + "*; do\n"
                + "  a=\"$d/" + aside + "\"\n"
                + "  [ -d \"$a\" ] || continue\n"
                + "  find \"$d\" -mindepth 1 -maxdepth 1 ! -name '" + RestoreSeed.SET_ASIDE + "*' -exec rm -rf {} +\n"
                + "  find \"$a\" -mindepth 1 -maxdepth 1 -exec mv -t \"$d\" {} +\n"
                + "  rmdir \"$a\"\n"
                + "  basename \"$d\"\n"
                + "done\n";
    }
}
