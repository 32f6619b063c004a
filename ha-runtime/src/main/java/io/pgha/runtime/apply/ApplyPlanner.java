package io.pgha.runtime.apply;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.apply.PlanStep.Kind;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.PatroniTuning;
import io.pgha.runtime.stack.SpecDifferences;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.SynchronousMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The plan that takes a running stack to a desired spec, one step at a time, never recreating the stack: members are
 * removed from the highest number down (a leader among them hands over first) and added from the lowest free number
 * up, each cloned from a replica; a parameter that needs a restart, or a new image, rolls over the replicas one by one,
 * then one switchover, then the old leader; etcd members change one at a time. Synchronous settings that the removals
 * need are loosened first, those the additions allow are tightened last. What cannot be changed in place (ports, TLS,
 * users, …) is refused, as are a stack below 1 node, an etcd change that could lose its quorum and a removal that leaves
 * fewer replicas than synchronous_node_count without changing it.
 */
public final class ApplyPlanner {

    static final String NO_OUTAGE = "no write outage";

    private ApplyPlanner() {}

    /** {@code pgha scale --nodes N}: the running spec with another node count. */
    public static ApplyPlan scale(RunningStack running, int nodes) {
        StackSpec spec = running.spec();
        if (nodes < 1) {
            return refused(
                    spec,
                    "a stack keeps at least 1 PostgreSQL node: " + nodes
                            + " would remove every member and its data; use pgha down to remove the stack");
        }
        if (nodes > StackSpec.MAX_NODES) {
            return refused(spec, "a stack has at most " + StackSpec.MAX_NODES + " PostgreSQL nodes, not " + nodes);
        }
        return plan(running, spec.toBuilder().nodes(nodes).build());
    }

    /**
     * {@code pgha upgrade --image REF}: every PostgreSQL container that does not run {@code image} replaced by one that
     * does, its data volume kept: the replicas one by one, one switchover, the old primary. Refused when the image is not
     * on the engine ({@code present} false), when every member already runs it, and without a leader.
     */
    public static ApplyPlan upgrade(RunningStack running, String image, boolean present) {
        StackSpec spec = running.spec();
        if (image == null || image.isBlank()) {
            return refused(spec, "name the image to run: pgha upgrade --image REF");
        }
        if (!present) {
            return refused(
                    spec,
                    "image " + image + " is not on this machine's Docker engine: build it (stack/images/build-local.sh"
                            + " builds pgha/spilo-17:local; docker build -t " + image + " DIR; or docker tag an "
                            + "image you have) or load it (docker pull " + image + ", docker load -i FILE), then run "
                            + "pgha upgrade again. Nothing was changed");
        }
        List<String> members = memberNames(running);
        List<String> todo = members.stream()
                .filter(m -> !image.equals(running.images().get(m)))
                .toList();
        if (todo.isEmpty()) {
            return refused(
                    spec,
                    "every PostgreSQL container of stack " + spec.name() + " (" + String.join(", ", members)
                            + ") already runs " + image + ": nothing to upgrade. To recreate a member anyway: "
                            + "pgha replace NODE");
        }
        Optional<String> leader = running.leader().map(RunningStack.Member::name);
        if (leader.isEmpty()) {
            return refused(spec, noLeader(spec));
        }
        String what = "new container of image " + image + ", data volume " + "kept";
        List<PlanStep> steps = new ArrayList<>();
        for (String m : todo) {
            if (!m.equals(leader.get())) {
                steps.add(new PlanStep(
                        Kind.REPLACE_CONTAINER,
                        m,
                        what + " (was " + running.images().getOrDefault(m, "unknown") + "), then streaming again; "
                                + "reads move to the other replicas, " + NO_OUTAGE,
                        PlanStep.REPLICA));
            }
        }
        if (todo.contains(leader.get())) {
            String was = running.images().getOrDefault(leader.get(), "unknown");
            if (members.size() == 1) {
                steps.add(new PlanStep(
                        Kind.REPLACE_CONTAINER,
                        leader.get(),
                        what + " (was " + was + "); writes stop until it is back (a one-node stack has no one to hand"
                                + " over to)",
                        PlanStep.ONLY_MEMBER));
            } else {
                String to = firstReplica(running, members, leader.get(), null);
                steps.add(new PlanStep(
                        Kind.SWITCHOVER,
                        to,
                        "switchover " + leader.get() + " → " + to
                                + " (≈1 s of writes), the only write outage of the upgrade",
                        leader.get()));
                steps.add(new PlanStep(
                        Kind.REPLACE_CONTAINER,
                        leader.get(),
                        "now a replica: " + what + " (was " + was + "), then streaming again; " + NO_OUTAGE,
                        PlanStep.OLD_PRIMARY));
            }
        }
        return new ApplyPlan(spec.name(), spec, steps, List.of(), Optional.of(image), false);
    }

    /**
     * {@code pgha replace NODE}: a new container and a new, empty data volume for {@code node}, which Patroni clones
     * again from a replica (the primary only when no other replica streams); a primary hands over first. The old volume
     * goes once the new member streams, unless {@code keepVolume}. Refused for a member the stack does not have, a
     * one-node stack (nothing to clone from) and a stack without a leader.
     */
    public static ApplyPlan replace(RunningStack running, String node, boolean keepVolume) {
        StackSpec spec = running.spec();
        if (node != null && node.startsWith("etcd-")) {
            requireVolumeChoice(node, keepVolume);
            return EtcdReplacement.plan(running, node);
        }
        List<String> members = memberNames(running);
        if (!members.contains(node)) {
            return refused(
                    spec,
                    "stack " + spec.name() + " has no PostgreSQL member " + node + " (it has "
                            + String.join(", ", members) + ")");
        }
        if (members.size() == 1) {
            return refused(
                    spec,
                    node + " is the only member of stack " + spec.name() + ": a new, empty member would have no one "
                            + "to clone from. Add a replica first (pgha scale --nodes 2), or restore from a backup");
        }
        Optional<String> leader = running.leader().map(RunningStack.Member::name);
        if (leader.isEmpty()) {
            return refused(spec, noLeader(spec));
        }
        List<PlanStep> steps = new ArrayList<>();
        String lead = leader.get();
        if (node.equals(lead)) {
            String to = firstReplica(running, members, lead, null);
            steps.add(new PlanStep(
                    Kind.SWITCHOVER,
                    to,
                    "switchover " + lead + " → " + to + " (≈1 s of writes) so that the primary is not replaced",
                    lead));
            lead = to;
        }
        String from = firstReplica(running, members, lead, node);
        boolean fromReplica = !from.equals(lead);
        steps.add(new PlanStep(
                Kind.REPLACE_MEMBER,
                node,
                UnfinishedReplaces.partialCopiesFirst(running, node)
                        + "its data copied aside (Docker cannot rename a volume), container and volume removed, a new container"
                        + " with an empty volume cloned from " + from
                        + (fromReplica
                                ? " (a replica: the primary serves no base backup)"
                                : " (the primary: no other replica streams)")
                        + ", streaming again; the old data "
                        + (keepVolume ? "kept in a volume whose name is printed" : "deleted once the new one streams")
                        + "; " + NO_OUTAGE,
                from));
        return new ApplyPlan(spec.name(), spec, steps, List.of(), Optional.empty(), keepVolume);
    }

    /**
     * Refuses {@code --keep-volume} for an etcd member (invalid input, before anything is asked or changed): its old
     * data can never rejoin etcd, so a replace always deletes it.
     */
    public static void requireVolumeChoice(String node, boolean keepVolume) {
        if (keepVolume && node != null && node.startsWith("etcd-")) {
            throw PghaException.invalidInput("--keep-volume is for PostgreSQL members: an etcd member's old data"
                    + " can never rejoin etcd, so replacing " + node + " always deletes it. Nothing was changed;"
                    + " run pgha replace " + node + " without --keep-volume");
        }
    }

    private static List<String> memberNames(RunningStack running) {
        java.util.TreeSet<String> names =
                new java.util.TreeSet<>(running.images().keySet());
        running.members().forEach(m -> names.add(m.name()));
        return List.copyOf(names);
    }

    private static String noLeader(StackSpec spec) {
        return "stack " + spec.name() + " has no leader now: pgha status " + spec.name()
                + " shows why; change it once it is healthy again";
    }

    public static ApplyPlan plan(RunningStack running, StackSpec desired) {
        StackSpec now = running.spec();
        List<String> refusals = new ArrayList<>();
        if (!now.name().equals(desired.name())) {
            return refused(desired, "the spec names stack " + desired.name() + ", not " + now.name());
        }
        refusals.addAll(unchangeable(now, desired));
        refusals.addAll(synchronousRefusals(running, desired));
        refusals.addAll(etcdRefusals(running, desired));
        refusals.addAll(ParameterChanges.refusals(
                ParameterChanges.changed(running, desired.postgresParameters()).keySet(), running.parameterContexts()));
        if (!refusals.isEmpty()) {
            return new ApplyPlan(now.name(), desired, List.of(), refusals);
        }
        List<PlanStep> steps = new ArrayList<>(UnfinishedReplaces.steps(running, desired));
        boolean keepVolume = UnfinishedReplaces.keepVolume(running, steps);
        boolean loosen = loosens(now.patroni(), desired.patroni());
        boolean syncChanges = !synchronousEqual(now.patroni(), desired.patroni());
        if (syncChanges && loosen) {
            steps.add(synchronousStep(desired));
        }
        List<String> members = new ArrayList<>(running.members().stream()
                .map(RunningStack.Member::name)
                .sorted()
                .toList());
        String leader = running.leader().map(RunningStack.Member::name).orElse("pg-0");
        for (int i = now.nodes() - 1; i >= desired.nodes(); i--) {
            String name = "pg-" + i;
            if (name.equals(leader)) {
                String to = firstReplica(running, members, leader, name);
                steps.add(new PlanStep(
                        Kind.SWITCHOVER,
                        to,
                        "switchover " + leader + " → " + to + " (≈1 s of writes) so that the leader is not removed",
                        leader));
                leader = to;
            }
            boolean synchronous =
                    running.member(name).map(RunningStack.Member::synchronous).orElse(false);
            steps.add(new PlanStep(
                    Kind.REMOVE_NODE,
                    name,
                    "leaves the synchronous quorum"
                            + (synchronous ? synchronousNote(now.patroni().synchronousMode()) : "")
                            + ", the router, then Patroni; volume " + name + "-data kept; " + NO_OUTAGE,
                    ""));
            members.remove(name);
        }
        for (int i = 0; i < Math.min(now.nodes(), desired.nodes()); i++) {
            String name = "pg-" + i;
            if (running.unrouted().contains(name)) {
                steps.add(new PlanStep(
                        Kind.ADD_NODE,
                        name,
                        "finish adding it: its container runs but the router does not route it (an add that was"
                                + " interrupted); waits until it streams, then routes it; " + NO_OUTAGE,
                        ""));
            }
        }
        for (int i = now.nodes(); i < desired.nodes(); i++) {
            String name = "pg-" + i;
            String from = firstReplica(running, members, leader, null);
            boolean fromReplica = !from.equals(leader);
            steps.add(new PlanStep(
                    Kind.ADD_NODE,
                    name,
                    "new replica"
                            + running.postgresImage()
                                    .map(ref -> " of image " + ref)
                                    .orElse("")
                            + " cloned from " + from
                            + (fromReplica
                                    ? " (a replica: the primary serves no base backup)"
                                    : " (the primary: no replica to clone from)")
                            + ", joins the router and the synchronous quorum; " + NO_OUTAGE,
                    from));
            members.add(name);
        }
        etcdSteps(running.etcdNames(), desired, steps);
        leader = parameterAndImageSteps(running, desired, members, leader, steps);
        if (syncChanges && !loosen) {
            steps.add(synchronousStep(desired));
        }
        return new ApplyPlan(now.name(), desired, steps, List.of(), Optional.empty(), keepVolume);
    }

    private static String synchronousNote(SynchronousMode mode) {
        return mode == SynchronousMode.QUORUM
                ? " (a quorum standby: the others still make the quorum)"
                : " (the synchronous standby: Patroni names another one)";
    }

    static ApplyPlan refused(StackSpec spec, String reason) {
        return new ApplyPlan(spec.name(), spec, List.of(), List.of(reason));
    }

    /** Everything but nodes, etcd members, parameters, images and synchronous settings must stay as it runs. */
    private static List<String> unchangeable(StackSpec now, StackSpec desired) {
        StackSpec comparable = desired.toBuilder()
                .nodes(now.nodes())
                .etcdMembers(now.etcdMembers())
                .images(now.images())
                .postgresParameters(now.postgresParameters())
                .patroni(withSynchronous(desired.patroni(), now.patroni()))
                .build();
        return SpecDifferences.between(now, comparable).stream()
                .map(d -> d + " is not changed in place: pgha down (keeps the data), then pgha up with the new spec")
                .toList();
    }

    private static PatroniTuning withSynchronous(PatroniTuning t, PatroniTuning sync) {
        return new PatroniTuning(
                t.ttl(),
                t.loopWait(),
                t.retryTimeout(),
                sync.synchronousMode(),
                sync.synchronousNodeCount(),
                t.maximumLagOnFailover(),
                t.primaryStartTimeout());
    }

    private static List<String> synchronousRefusals(RunningStack running, StackSpec desired) {
        StackSpec now = running.spec();
        PatroniTuning t = desired.patroni();
        int replicas = desired.nodes() - 1;
        if (desired.nodes() < now.nodes()
                && t.synchronousMode() != SynchronousMode.OFF
                && replicas < t.synchronousNodeCount()) {
            List<String> removed = new ArrayList<>();
            for (int i = desired.nodes(); i < now.nodes(); i++) {
                removed.add("pg-" + i);
            }
            String which = running.members().stream()
                    .filter(RunningStack.Member::synchronous)
                    .map(RunningStack.Member::name)
                    .filter(removed::contains)
                    .findFirst()
                    .map(n -> n + ", a synchronous standby,")
                    .orElse(String.join(", ", removed));
            return List.of("removing " + which + " leaves " + replicas + " replica" + (replicas == 1 ? "" : "s")
                    + " but synchronous_mode " + t.synchronousMode().patroniValue() + " waits for "
                    + t.synchronousNodeCount() + " synchronous standby" + (t.synchronousNodeCount() == 1 ? "" : "s")
                    + ": commits would stop or silently turn asynchronous. Change synchronous_mode (off) or "
                    + "synchronous_node_count in the same spec");
        }
        return List.of();
    }

    private static List<String> etcdRefusals(RunningStack running, StackSpec desired) {
        int from = running.etcdContainers();
        int to = desired.etcdMembers();
        if (from == to) {
            return List.of();
        }
        int healthy = running.etcdHealthy();
        if (healthy < from) {
            int after = Math.min(healthy, to);
            return List.of("etcd " + from + " → " + to + " while " + (from - healthy) + " of " + from
                    + " members " + (from - healthy == 1 ? "is" : "are") + " down: each membership change needs a "
                    + "quorum of the members that answer, and " + after + " healthy of the members on the way "
                    + "could lose it. Bring every etcd member back first");
        }
        return List.of();
    }

    /**
     * From the etcd members that have a container ({@code names}: fewer or more than the spec's after an interrupted
     * change), one at a time: those numbered above the desired count removed, highest first, then those of 1 … desired
     * that are missing added, lowest first (an interrupted {@code replace etcd-2} leaves etcd-1 and etcd-3: etcd-2 comes
     * back).
     */
    static void etcdSteps(List<String> names, StackSpec desired, List<PlanStep> steps) {
        int m = names.size();
        List<String> above = names.stream()
                .filter(n -> number(n) > desired.etcdMembers())
                .sorted(java.util.Comparator.comparingInt(ApplyPlanner::number).reversed())
                .toList();
        for (String name : above) {
            steps.add(new PlanStep(
                    Kind.REMOVE_ETCD_MEMBER,
                    name,
                    "etcd " + m + " → " + (m - 1) + " members, quorum " + quorum(m) + " → " + quorum(m - 1) + "; "
                            + NO_OUTAGE,
                    ""));
            m--;
        }
        for (int i = 1; i <= desired.etcdMembers(); i++) {
            if (names.contains("etcd-" + i)) {
                continue;
            }
            steps.add(new PlanStep(
                    Kind.ADD_ETCD_MEMBER,
                    "etcd-" + i,
                    "etcd " + m + " → " + (m + 1) + " members, quorum " + quorum(m) + " → " + quorum(m + 1) + "; "
                            + NO_OUTAGE,
                    ""));
            m++;
        }
    }

    private static int number(String etcdMember) {
        return Integer.parseInt(etcdMember.substring("etcd-".length()));
    }

    static int quorum(int members) {
        return members / 2 + 1;
    }

    private static String parameterAndImageSteps(
            RunningStack running, StackSpec desired, List<String> members, String leader, List<PlanStep> steps) {
        StackSpec now = running.spec();
        Map<String, Optional<String>> changed = ParameterChanges.changed(running, desired.postgresParameters());
        boolean image = desired.images() != ImageProfile.AUTO && !Objects.equals(now.images(), desired.images());
        List<String> restart = changed.keySet().stream()
                .filter(p -> ParameterChanges.needsRestart(p, running.parameterContexts()))
                .toList();
        if (!changed.isEmpty()) {
            String list = String.join(
                    ", ",
                    changed.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue().orElse("(default)"))
                            .toList());
            steps.add(
                    restart.isEmpty()
                            ? new PlanStep(Kind.RELOAD_PARAMETERS, now.name(), list + " by a reload; " + NO_OUTAGE, "")
                            : new PlanStep(
                                    Kind.SET_PARAMETERS,
                                    now.name(),
                                    list + " set in Patroni's configuration; " + String.join(", ", restart)
                                            + " pending restart on every member; " + NO_OUTAGE,
                                    ""));
        }
        List<String> pending = running.members().stream()
                .filter(RunningStack.Member::pendingRestart)
                .map(RunningStack.Member::name)
                .filter(members::contains)
                .toList();
        if (restart.isEmpty() && pending.isEmpty() && !image) {
            return leader;
        }
        Kind kind = image ? Kind.REPLACE_CONTAINER : Kind.RESTART;
        String what = image
                ? "new container of image " + desired.images().id() + ", volume kept"
                : restart.isEmpty()
                        ? "PostgreSQL restarted if still pending (an earlier change: pending on "
                                + String.join(", ", pending) + ")"
                        : "PostgreSQL restarted";
        for (String m : members) {
            if (!m.equals(leader)) {
                steps.add(new PlanStep(
                        kind,
                        m,
                        what + ", then streaming again with a small lag; reads move to the other replicas, "
                                + NO_OUTAGE,
                        PlanStep.REPLICA));
            }
        }
        if (members.size() == 1) {
            steps.add(new PlanStep(
                    kind,
                    leader,
                    what + "; writes stop until it is back (a one-node stack has no one to hand over to)",
                    PlanStep.ONLY_MEMBER));
            return leader;
        }
        String to = members.stream().filter(m -> !m.equals(leader)).findFirst().orElseThrow();
        steps.add(new PlanStep(
                Kind.SWITCHOVER,
                to,
                "switchover " + leader + " → " + to + " (≈1 s of writes), the only write outage of the roll",
                leader));
        steps.add(new PlanStep(
                kind,
                leader,
                "now a replica: " + what
                        + (image ? "" : " unless the switchover's demotion (a restart as a replica) already applied it")
                        + "; " + NO_OUTAGE,
                PlanStep.OLD_PRIMARY));
        return to;
    }

    /** The first streaming replica that stays, by name; the leader when there is none. */
    static String firstReplica(RunningStack running, List<String> members, String leader, String leaving) {
        Optional<String> replica = members.stream()
                .filter(m -> !m.equals(leader) && !m.equals(leaving))
                .filter(m ->
                        running.member(m).map(RunningStack.Member::streaming).orElse(false))
                .findFirst();
        return replica.orElseGet(() -> members.stream()
                .filter(m -> !m.equals(leader) && !m.equals(leaving))
                .findFirst()
                .orElse(leader));
    }

    private static boolean synchronousEqual(PatroniTuning a, PatroniTuning b) {
        return a.synchronousMode() == b.synchronousMode() && a.synchronousNodeCount() == b.synchronousNodeCount();
    }

    /** Whether the desired synchronous settings ask less of the replicas than the running ones. */
    private static boolean loosens(PatroniTuning now, PatroniTuning desired) {
        if (desired.synchronousMode() == SynchronousMode.OFF) {
            return now.synchronousMode() != SynchronousMode.OFF;
        }
        return now.synchronousMode() != SynchronousMode.OFF
                && desired.synchronousNodeCount() < now.synchronousNodeCount();
    }

    private static PlanStep synchronousStep(StackSpec desired) {
        PatroniTuning t = desired.patroni();
        return new PlanStep(
                Kind.SYNCHRONOUS_SETTINGS,
                desired.name(),
                "synchronous_mode "
                        + t.synchronousMode().patroniValue() + ", synchronous_node_count " + t.synchronousNodeCount()
                        + " in Patroni's dynamic configuration; " + NO_OUTAGE,
                "");
    }
}
