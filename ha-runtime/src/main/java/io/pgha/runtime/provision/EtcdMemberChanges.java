package io.pgha.runtime.provision;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.dcs.EtcdMemberTls;
import io.pgha.runtime.dcs.EtcdMembership;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.provision.DockerPlan.Planned;
import io.pgha.runtime.provision.Poll.Seen;
import io.pgha.runtime.stack.StackLayout;
import io.pgha.runtime.stack.StackSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Adds, removes and replaces one etcd member of a running stack (docs/decisions/0057-etcd-members-through-the-member-api), always through
 * etcd's member API first, so that etcd's own reconfiguration check guards the quorum: a member is removed from the
 * cluster, then its container and data volume go; a member is added to the cluster, then its container starts on an
 * empty volume with {@code initial-cluster-state existing} and the member list etcd answered, and the change is done
 * once it is healthy and has caught up with the log. Nothing starts unless every member is healthy (but the one removed,
 * which may be the broken member a replace is for): at most one member is ever missing, so a cluster of 3 keeps 2 of its 3 (or 2 of 2) and never loses its quorum. The container is made by
 * the code {@code up} makes it with (its certificate of the cluster CA, its labels), its environment told to join.
 */
final class EtcdMemberChanges {

    private static final Duration CALL = Duration.ofSeconds(10);
    /** The most etcd members a stack has (StackSpec's 1, 3 or 5); members beyond the spec's count may run mid-change. */
    private static final int MAX_MEMBERS = 5;

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration AGREE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration AGREE_POLL = Duration.ofMillis(500);

    private final DockerStackProvisioner provisioner;
    private final DockerEngine docker;
    private final StackMembers members;

    EtcdMemberChanges(DockerStackProvisioner provisioner, DockerEngine docker, CredentialStore credentials) {
        this.provisioner = provisioner;
        this.docker = docker;
        this.members = new StackMembers(provisioner, docker, credentials);
    }

    /** {@code member} (etcd-4) joins; {@code spec} is a spec that has it (the stack's with the grown count). */
    String add(StackSpec spec, String member, Consumer<String> progress) {
        EtcdMembership membership = membership(spec);
        List<EtcdMembership.Member> listed = membership.list(endpoints(spec, startedNames(listedNow(spec))));
        List<String> started = startedNames(listed);
        if (started.contains(member) && healthy(spec, member)) {
            return member + " is a healthy member already";
        }
        requireHealthy(spec, started, "adding " + member);
        requirePortsFree(spec, member);
        String peer = peerUrl(spec, member);
        Optional<EtcdMembership.Member> pending = listed.stream()
                .filter(m -> !m.started() && m.peerUrls().contains(peer))
                .findFirst();
        long id;
        List<EtcdMembership.Member> cluster;
        if (pending.isPresent()) {
            // an add interrupted before its container started: etcd waits for that member already
            id = pending.get().id();
            cluster = listed;
            progress.accept(member + " is in etcd's members already (id "
                    + pending.get().hexId() + "), not started");
        } else {
            EtcdMembership.Added added = untilEtcdAgrees(
                    "etcd takes " + member + " as a member", () -> membership.add(endpoints(spec, started), peer));
            id = added.member().id();
            cluster = added.members();
            progress.accept("added to etcd's members as " + added.member().hexId() + "; quorum now "
                    + (cluster.size() / 2 + 1) + " of " + cluster.size());
        }
        String made = createAndStart(spec, member, EtcdMembership.initialCluster(cluster, id, member));
        progress.accept(made + "; waiting until " + member + " is healthy and has caught up");
        List<String> all = new ArrayList<>(started);
        all.add(member);
        String caughtUp = awaitCaughtUp(spec, member, started);
        String healthy = awaitHealthy(spec, all);
        provisioner.saveEtcdEndpoints(spec, all);
        return member + " joined as " + Long.toHexString(id) + ", " + caughtUp + "; " + healthy;
    }

    /** {@code member} leaves etcd's members, then its container and its data volume are removed. */
    String remove(StackSpec spec, String member, Consumer<String> progress) {
        EtcdMembership membership = membership(spec);
        List<EtcdMembership.Member> listed = listedNow(spec);
        List<String> started = startedNames(listed);
        List<String> others = started.stream().filter(m -> !m.equals(member)).toList();
        if (others.isEmpty()) {
            throw PghaException.refused(member + " is etcd's only member: removing it would remove Patroni's store");
        }
        // the member itself may be down (replacing a broken member): every other one must answer, and hold the quorum
        // of the cluster as it is (etcd's own reconfiguration check guards the removal too)
        requireHealthy(spec, others, "removing " + member);
        if (others.size() < started.size() / 2 + 1) {
            throw PghaException.conflict("removing " + member + " leaves " + others.size() + " of " + started.size()
                    + " etcd members, fewer than their quorum of " + (started.size() / 2 + 1)
                    + ": nothing was changed");
        }
        if (started.contains(member) && healthy(spec, member)) {
            handOverLeadership(spec, membership, listed, member, others, progress);
        }
        OptionalLong id = untilEtcdAgrees(
                "etcd lets " + member + " go",
                () -> membership.remove(endpoints(spec, others), member, peerUrl(spec, member)));
        progress.accept(
                id.isPresent()
                        ? "removed " + member + " (" + Long.toHexString(id.getAsLong())
                                + ") from etcd's members; quorum now " + (others.size() / 2 + 1) + " of "
                                + others.size()
                        : member + " is not in etcd's members (an earlier run removed it)");
        progress.accept(removeContainerAndVolume(spec, member));
        String healthy = awaitHealthy(spec, others);
        provisioner.saveEtcdEndpoints(spec, others);
        return member + " removed"
                + id.stream()
                        .mapToObj(i -> " (was " + Long.toHexString(i) + ")")
                        .findFirst()
                        .orElse("") + "; " + healthy;
    }

    /**
     * When {@code member} leads, the leadership goes to the first of {@code others} first: a removed leader steps down
     * only after the change commits, and the cluster would then wait an election timeout without a leader.
     */
    private void handOverLeadership(
            StackSpec spec,
            EtcdMembership membership,
            List<EtcdMembership.Member> listed,
            String member,
            List<String> others,
            Consumer<String> progress) {
        long leader = membership.leader(endpoint(spec, others.getFirst()));
        Optional<EtcdMembership.Member> leading =
                listed.stream().filter(m -> m.id() == leader).findFirst();
        if (leading.isEmpty() || !leading.get().name().equals(member)) {
            return;
        }
        EtcdMembership.Member to = listed.stream()
                .filter(m -> m.name().equals(others.getFirst()))
                .findFirst()
                .orElseThrow();
        membership.moveLeader(endpoint(spec, member), to.id());
        progress.accept(member + " led etcd: leadership moved to " + to.name() + " first");
    }

    /** {@code member} removed, then added again with a new container and an empty data volume: a new member id. */
    String replace(StackSpec spec, String member, Consumer<String> progress) {
        String removed = remove(spec, member, progress);
        progress.accept(removed);
        return add(spec, member, progress);
    }

    /**
     * A membership change, asked again while etcd refuses it as "unhealthy cluster": its own quorum guard, which counts
     * a member that joined less than 5 s ago as not active yet (the step before may just have added one).
     */
    private static <T> T untilEtcdAgrees(String what, java.util.function.Supplier<T> change) {
        return Poll.until(what, AGREE_TIMEOUT, AGREE_POLL, () -> {
            try {
                return Seen.done(change.get());
            } catch (PghaException e) {
                if (String.valueOf(e.getMessage()).contains("unhealthy cluster")) {
                    return Seen.notYet(e.getMessage());
                }
                throw e;
            }
        });
    }

    /** The members etcd lists, asked through every member the spec has (those that answer). */
    private List<EtcdMembership.Member> listedNow(StackSpec spec) {
        List<String> names = new ArrayList<>(StackLayout.of(spec).etcdMembers());
        for (int m = spec.etcdMembers() + 1; m <= MAX_MEMBERS; m++) {
            names.add("etcd-" + m);
        }
        List<String> answering = names.stream().filter(n -> healthy(spec, n)).toList();
        if (answering.isEmpty()) {
            throw PghaException.unavailable("no etcd member of stack " + spec.name() + " is healthy");
        }
        return membership(spec).list(endpoints(spec, answering));
    }

    private static List<String> startedNames(List<EtcdMembership.Member> listed) {
        return listed.stream()
                .filter(EtcdMembership.Member::started)
                .map(EtcdMembership.Member::name)
                .sorted()
                .toList();
    }

    private void requireHealthy(StackSpec spec, List<String> names, String what) {
        List<String> unhealthy = names.stream().filter(n -> !healthy(spec, n)).toList();
        if (!unhealthy.isEmpty()) {
            throw PghaException.conflict("etcd member(s) " + String.join(", ", unhealthy) + " not healthy: " + what
                    + " now could cost etcd its quorum, so nothing was changed. Bring them back first (pgha status)");
        }
    }

    private String awaitHealthy(StackSpec spec, List<String> names) {
        return Poll.until("every etcd member healthy (" + String.join(", ", names) + ")", HEALTHY_TIMEOUT, POLL, () -> {
            List<String> unhealthy =
                    names.stream().filter(n -> !healthy(spec, n)).toList();
            return unhealthy.isEmpty()
                    ? Seen.done("etcd " + names.size() + "/" + names.size() + " members healthy")
                    : Seen.notYet(String.join(", ", unhealthy) + " not healthy");
        });
    }

    /** Healthy (a leader, a quorum read) and at least at the raft index another member had when it started. */
    private String awaitCaughtUp(StackSpec spec, String member, List<String> others) {
        EtcdMembership membership = membership(spec);
        long[] target = {-1};
        return Poll.until(member + " healthy and caught up", HEALTHY_TIMEOUT, POLL, () -> {
            if (!healthy(spec, member)) {
                return Seen.notYet(member + " not healthy yet");
            }
            try {
                if (target[0] < 0) {
                    target[0] = membership.raftIndex(endpoint(spec, others.getFirst()));
                }
                long index = membership.raftIndex(endpoint(spec, member));
                return index >= target[0]
                        ? Seen.done("at raft index " + index + " (" + others.getFirst() + " was at " + target[0] + ")")
                        : Seen.notYet(member + " at raft index " + index + " of " + target[0]);
            } catch (PghaException e) {
                return Seen.notYet(member + ": " + e.getMessage());
            }
        });
    }

    private String removeContainerAndVolume(StackSpec spec, String member) {
        StackLayout layout = StackLayout.of(spec);
        String name = layout.containerName(member);
        String volume = layout.volumeName(member + "-data");
        List<String> done = new ArrayList<>();
        if (docker.container(name).isPresent()) {
            docker.stop(name, STOP_GRACE);
            docker.remove(name);
            done.add("container " + name);
        }
        if (docker.volume(volume).isPresent()) {
            // a removed member's data is of no use: etcd refuses to let it rejoin with it
            docker.removeVolume(volume);
            done.add("volume " + volume);
        }
        return done.isEmpty() ? member + " had no container or volume left" : "removed " + String.join(", ", done);
    }

    /**
     * The ports {@code member}'s container publishes are free before etcd is told to wait for it: a member added to etcd
     * whose container cannot start would leave a 2-member etcd (1 → 3) needing it for its quorum.
     */
    private void requirePortsFree(StackSpec spec, String member) {
        DockerPlan plan = DockerPlan.of(spec, members.secrets(spec.name()));
        String name = plan.layout().containerName(member);
        if (docker.container(name).map(c -> c.running()).orElse(false)) {
            return;
        }
        plan.containers().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .ifPresent(p -> new Preflight(docker).checkPortsFree(plan, p));
    }

    /** Its container as {@code up} makes it, told to join the running cluster, on a new data volume. */
    private String createAndStart(StackSpec spec, String member, String initialCluster) {
        StackCredentials secrets = members.secrets(spec.name());
        DockerPlan plan = DockerPlan.of(spec, secrets);
        String name = plan.layout().containerName(member);
        Planned planned = plan.containers().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> PghaException.notFound("the spec of stack " + spec.name() + " has no " + member));
        Map<String, String> env = new LinkedHashMap<>(planned.container().env());
        env.put("ETCD_INITIAL_CLUSTER", initialCluster);
        env.put("ETCD_INITIAL_CLUSTER_STATE", "existing");
        Planned joining = new Planned(planned.service(), planned.container().withEnv(env), planned.files());
        StackSecrets material = StackSecrets.of(plan, secrets, provisioner.clusterDir(spec.name()));
        StackState state = StackState.of(docker, spec.name());
        List<String> actions = Collections.synchronizedList(new ArrayList<>());
        String volume = plan.layout().volumeName(member + "-data");
        if (docker.volume(volume).isEmpty()) {
            docker.createVolume(volume, plan.volumes().get(volume));
            actions.add("created volume " + volume);
        }
        provisioner.createAll(List.of(joining), state, material, actions, new CreatedByRun());
        docker.start(name);
        actions.add("started container " + name);
        return String.join(", ", actions);
    }

    private boolean healthy(StackSpec spec, String member) {
        return members.probe(spec).etcdHealthy(spec.ports().etcdOf(number(member)));
    }

    private EtcdMembership membership(StackSpec spec) {
        StackCredentials secrets = members.secrets(spec.name());
        Optional<String> ca = spec.security().tls()
                ? Optional.of(provisioner
                        .clusterDir(spec.name())
                        .resolve(StackSecrets.PKI)
                        .resolve("ca.crt")
                        .toString())
                : Optional.empty();
        Optional<String> root =
                StackLayout.of(spec).etcdUsers() ? Optional.of(secrets.etcd().root()) : Optional.empty();
        return EtcdMembership.asRoot(ca, root, CALL);
    }

    private static List<String> endpoints(StackSpec spec, List<String> names) {
        return names.stream().map(n -> endpoint(spec, n)).toList();
    }

    private static String endpoint(StackSpec spec, String member) {
        return (spec.security().tls() ? "https://" : "http://") + DockerStackProvisioner.probeHost(spec) + ":"
                + spec.ports().etcdOf(number(member));
    }

    private static String peerUrl(StackSpec spec, String member) {
        return spec.security().tls()
                ? EtcdMemberTls.peerUrl(member)
                : "http://" + member + ":" + EtcdMemberTls.PEER_PORT;
    }

    static int number(String member) {
        return Integer.parseInt(member.substring("etcd-".length()));
    }
}
