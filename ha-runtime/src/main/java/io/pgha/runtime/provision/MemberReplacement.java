package io.pgha.runtime.provision;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.apply.RunningStack;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.docker.DockerContainer;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.ExecResult;
import io.pgha.runtime.patroni.PatroniNode;
import io.pgha.runtime.provision.DockerPlan.Planned;
import io.pgha.runtime.provision.Poll.Seen;
import io.pgha.runtime.stack.StackImages;
import io.pgha.runtime.stack.StackLayout;
import io.pgha.runtime.stack.StackSpec;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Replaces one PostgreSQL member's container (docs/decisions/0037), made by the code {@code up} makes members with (its
 * files and certificates copied in before it starts): for {@code pgha upgrade} by one of another image with the data
 * volume kept; for {@code pgha replace} by one with a new, empty volume that Patroni clones again (every member carries
 * the {@code clonefrom} tag, so from a replica when there is one). Docker cannot rename a volume, so the old data is
 * copied aside into a volume of its own first and deleted only once the new member streams, unless kept. Each waits
 * until the member's own Patroni, answering from the new container, reports it running (and streaming as a replica).
 */
final class MemberReplacement {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration SERVE_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration CLONE_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration COPY_TIMEOUT = Duration.ofMinutes(60);
    private static final Duration POLL = Duration.ofMillis(300);
    /** Docker's states of a container whose process is not running (restarting: it exited, Docker starts it again). */
    private static final Set<String> STOPPED_STATES = Set.of("restarting", "exited", "dead", "removed");
    /** The copy's helper: pgha's Spilo-like image, whose entrypoint idles with --idle (docs/decisions/0022). */
    private static final String HELPER_IMAGE = StackImages.LOCAL.spilo();

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final DockerStackProvisioner provisioner;
    private final DockerEngine docker;
    private final StackMembers members;

    MemberReplacement(DockerStackProvisioner provisioner, DockerEngine docker, CredentialStore credentials) {
        this.provisioner = provisioner;
        this.docker = docker;
        this.members = new StackMembers(provisioner, docker, credentials);
    }

    /** {@code member}'s container replaced by one of {@code image}, its data volume kept. */
    String container(StackSpec spec, String member, String image, Consumer<String> progress) {
        String name = StackLayout.containerName(spec.name(), member);
        Optional<DockerContainer> old = docker.container(name);
        String was = old.map(DockerContainer::image).orElse("(no container)");
        stopAndRemove(name, progress);
        progress.accept("removed container " + name + " (" + was + "), volume "
                + StackLayout.of(spec).volumeName(member + "-data") + " kept");
        try {
            String made = createAndStart(spec, member, image);
            progress.accept(made + "; waiting until " + member + " serves");
            return awaitServing(spec, member, SERVE_TIMEOUT) + " on " + image;
        } catch (PghaException e) {
            if (old.isEmpty()) {
                throw e;
            }
            // the data volume is untouched: the member comes back on the image it ran, so the stack stays whole
            progress.accept(member + " did not serve on " + image + " (" + e.getMessage() + "): back to " + was);
            stopAndRemove(name, progress);
            createAndStart(spec, member, was);
            String back = awaitServing(spec, member, SERVE_TIMEOUT);
            throw new PghaException(
                    e.kind(),
                    member + " did not serve on " + image + " (" + e.getMessage() + "); " + back + " on " + was
                            + " again",
                    e);
        }
    }

    /** {@code member} again from scratch: its data copied aside, a new container and volume, cloned again. */
    String member(StackSpec spec, String member, boolean keepVolume, Consumer<String> progress) {
        StackLayout layout = StackLayout.of(spec);
        String name = layout.containerName(member);
        Optional<DockerContainer> current = docker.container(name);
        String image = current.map(DockerContainer::image).orElseGet(() -> otherMembersImage(spec, member));
        String volume = layout.volumeName(member + "-data");
        String aside = volume + "-replaced-" + LocalDateTime.now(ZoneOffset.UTC).format(STAMP);
        if (!docker.imagePresent(HELPER_IMAGE)) {
            throw PghaException.notFound("copying the old data aside needs the image " + HELPER_IMAGE
                    + " (stack/images/build-local.sh builds it); nothing was changed");
        }
        removePartialCopies(spec, member, current, progress);
        boolean hasData = docker.volume(volume).isPresent();
        if (hasData) {
            // made before the container stops, labelled with its id: a run killed from here on leaves a copy that the
            // next replace or apply knows for partial (docs/decisions/0069)
            docker.createVolume(aside, ReplaceLeftovers.labels(spec.name(), member, aside, current, keepVolume));
        }
        // stopped, not removed, while its data is copied: a run killed during the copy leaves a container that the
        // same pgha replace finds again (a stack's members are its containers), not a member gone from the stack
        docker.stop(name, STOP_GRACE);
        if (hasData) {
            copyAside(spec, volume, aside, progress);
            stopAndRemove(name, progress);
            docker.removeVolume(volume);
            progress.accept("old data copied into volume " + aside + ", container " + name + " and volume " + volume
                    + " removed");
        } else {
            stopAndRemove(name, progress);
        }
        String made = createAndStart(spec, member, image);
        progress.accept(made + "; waiting until Patroni has cloned " + member + " and it streams");
        String streaming = awaitServing(spec, member, CLONE_TIMEOUT);
        if (keepVolume) {
            return streaming + "; the old data is kept in volume " + aside + " (docker volume rm " + aside
                    + " once you no longer need it)";
        }
        if (docker.volume(aside).isPresent()) {
            docker.removeVolume(aside);
        }
        return streaming + "; the old data (volume " + aside + ") deleted";
    }

    /**
     * The image the stack's other PostgreSQL containers run (an upgraded stack's), for a member whose container an
     * interrupted run removed; the profile's image when none is known.
     */
    private String otherMembersImage(StackSpec spec, String member) {
        return StackState.of(docker, spec.name()).containers().values().stream()
                .filter(c -> "postgres".equals(c.labels().get(StackLabels.ROLE)))
                .filter(c -> !member.equals(c.labels().get(StackLabels.SERVICE)))
                .map(DockerContainer::image)
                .findFirst()
                .orElse(StackImages.of(spec.images()).spilo());
    }

    private void stopAndRemove(String name, Consumer<String> progress) {
        if (docker.container(name).isEmpty()) {
            progress.accept(name + " has no container (an earlier run removed it)");
            return;
        }
        docker.stop(name, STOP_GRACE);
        docker.remove(name);
    }

    /** Creates what {@code up} would for {@code member} that is missing (its volume, its container of {@code image}). */
    private String createAndStart(StackSpec spec, String member, String image) {
        StackCredentials secrets = members.secrets(spec.name());
        // a stack's node count is its PostgreSQL containers: one an interrupted run removed is still its member
        int index = Integer.parseInt(member.substring("pg-".length()));
        StackSpec with =
                spec.nodes() > index ? spec : spec.toBuilder().nodes(index + 1).build();
        DockerPlan plan = DockerPlan.of(with, secrets);
        String name = plan.layout().containerName(member);
        Planned planned = plan.containers().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> PghaException.notFound("stack " + spec.name() + " has no member " + member));
        Planned replaced = new Planned(planned.service(), planned.container().withImage(image), planned.files());
        StackSecrets material = StackSecrets.of(plan, secrets, provisioner.clusterDir(spec.name()));
        StackState state = StackState.of(docker, spec.name());
        List<String> actions = Collections.synchronizedList(new ArrayList<>());
        provisioner.create(plan, state, material, actions, new CreatedByRun(), List.of(replaced));
        docker.start(name);
        actions.add("started container " + name);
        return String.join(", ", actions);
    }

    /** The member's own Patroni, from the new container: running, and streaming unless it leads. */
    private String awaitServing(StackSpec spec, String member, Duration timeout) {
        StackProbe probe = members.probe(spec);
        int port = spec.ports().patroniOf(Integer.parseInt(member.substring("pg-".length())));
        String container = StackLayout.containerName(spec.name(), member);
        int[] stoppedSeen = {0};
        return Poll.until(member + " running again", timeout, POLL, () -> {
            // a container whose process exits (an image that cannot run here) is restarted by Docker for ever: say so
            // after two looks instead of waiting the whole timeout, so an upgrade goes back to the old image at once
            String state =
                    docker.container(container).map(DockerContainer::state).orElse("removed");
            if (STOPPED_STATES.contains(state) && ++stoppedSeen[0] >= 2) {
                throw PghaException.unavailable("its container " + container + " stopped running (" + state
                        + ", the container's process exited: docker logs " + container + ")");
            }
            Optional<PatroniNode> node = probe.node(port);
            if (node.isEmpty()) {
                return Seen.notYet(member + "'s Patroni does not answer yet");
            }
            PatroniNode n = node.get();
            boolean primary = n.role().isLeader();
            return "running".equals(n.state())
                            && (primary || n.replicationState().equals(Optional.of("streaming")))
                    ? Seen.done(member + " " + n.displayState())
                    : Seen.notYet(member + " " + n.role() + " " + n.displayState());
        });
    }

    /**
     * Removes the copies of {@code member}'s data that an interrupted replace left partial (and its copy helper, which
     * may still run with one mounted): the data they copy is still whole in the member's volume, which is copied
     * again into a volume of its own. A copy is not resumed: how far {@code cp} got is not known, and a fresh copy
     * costs what resuming it would.
     */
    private void removePartialCopies(
            StackSpec spec, String member, Optional<DockerContainer> current, Consumer<String> progress) {
        if (current.isEmpty()) {
            return;
        }
        String helper = StackLayout.containerName(spec.name(), "replace-helper");
        docker.container(helper).ifPresent(h -> docker.remove(h.name()));
        RunningStack.Unfinished left = ReplaceLeftovers.of(
                        docker.volumes(ReplaceLeftovers.copiesOf(spec.name())), List.of(current.get()))
                .get(member);
        if (left == null) {
            return;
        }
        left.partialCopies().forEach(docker::removeVolume);
        progress.accept("removed the partial cop" + (left.partialCopies().size() == 1 ? "y " : "ies ")
                + String.join(", ", left.partialCopies()) + " left by an interrupted replace (the data is whole in "
                + StackLayout.of(spec).volumeName(member + "-data") + ")");
    }

    /** Copies {@code volume} into the new volume {@code aside} with an idle helper of pgha's Spilo-like image. */
    private void copyAside(StackSpec spec, String volume, String aside, Consumer<String> progress) {
        String helper = StackLayout.containerName(spec.name(), "replace-helper");
        docker.container(helper).ifPresent(h -> docker.remove(h.name()));
        docker.createContainer(RestoreSeed.helperSpec(
                HELPER_IMAGE,
                helper,
                StackLayout.of(spec).network(),
                spec.name(),
                Map.of(volume, "/from", aside, "/to")));
        try {
            docker.start(helper);
            progress.accept("copying the old data of " + volume + " into " + aside);
            ExecResult r = docker.exec(helper, List.of("cp", "-a", "/from/.", "/to/"), COPY_TIMEOUT);
            if (!r.ok()) {
                throw PghaException.unavailable("cannot copy the old data of " + volume + " aside: "
                        + (r.stdout() + r.stderr()).strip() + "; volume " + volume + " was not removed");
            }
        } finally {
            docker.stop(helper, Duration.ofSeconds(5));
            docker.remove(helper);
        }
    }
}
