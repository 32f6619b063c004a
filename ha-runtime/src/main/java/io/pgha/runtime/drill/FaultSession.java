package io.pgha.runtime.drill;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.docker.DockerFaults;
import io.pgha.runtime.docker.SidecarContainer;
import java.time.Duration;
import java.util.Optional;

/**
 * The drills' faults injected one after another on one stack, with one role watcher for the whole session: what a
 * chaos run (io.pgha.runtime.chaos, docs/decisions/0032) drives. The same {@link DrillFault} strategies, Patroni view
 * and {@link RoleSamples} as {@link DrillRunner}; nothing of a fault is implemented twice.
 */
public final class FaultSession implements AutoCloseable {

    private final DrillTarget target;
    private final DockerFaults docker;
    private final DrillPatroni patroni;
    private final RoleSamples samples = new RoleSamples();
    private SidecarContainer watcher;

    public FaultSession(DrillTarget target, DockerFaults docker) {
        this.target = target;
        this.docker = docker;
        this.patroni = new DrillPatroni(target.patroniUrls(), target.caFile(), target.restCredentials());
    }

    /** Starts the role watcher inside the stack (container {@code name}), watching every member for {@code length}. */
    public void watch(String name, Duration length) {
        watcher = RoleWatcher.start(docker, target, name, length, samples);
    }

    public boolean watcherSeesEveryMember() {
        return samples.seenAll(target.members());
    }

    /** Pairs of moments two nodes accepted writes at once, as the watcher (and a partitioned node's probe) saw them. */
    public long splitBrainOverlaps() {
        return samples.splitBrainOverlaps();
    }

    public Optional<String> leader() {
        return patroni.leader();
    }

    /** One leader, every replica streaming on its timeline and, in synchronous mode, in the synchronous set. */
    public boolean healthy() {
        return DrillPatroni.readyForFailover(patroni.cluster(), target.members().size(), patroni.synchronousMode());
    }

    /** Patroni's view in a line, for a message: each member's role, state and timeline, and the synchronous mode. */
    public String describe() {
        var members = patroni.cluster();
        if (members.isEmpty()) {
            return "no member's Patroni answers";
        }
        StringBuilder b = new StringBuilder();
        members.values().stream()
                .sorted(java.util.Comparator.comparing(DrillPatroni.MemberView::name))
                .forEach(m -> b.append(m.name())
                        .append(' ')
                        .append(m.role())
                        .append(' ')
                        .append(m.state())
                        .append(" tl ")
                        .append(m.timeline())
                        .append("; "));
        return b.append(members.size())
                .append(" of ")
                .append(target.members().size())
                .append(" members, synchronous_mode ")
                .append(patroni.synchronousMode())
                .toString();
    }

    /** Injects {@code scenario}'s fault on the current leader. */
    public Active inject(DrillScenario scenario) {
        String leader = leader().orElseThrow(() -> PghaException.unavailable(
                "no leader to inject " + scenario.cliName() + " on; the cluster is not healthy"));
        DrillFault fault = DrillFaults.of(scenario);
        InjectedFault injected = fault.inject(tools(), leader);
        return new Active(scenario, leader, fault, injected);
    }

    private FaultTools tools() {
        return new FaultTools(docker, target, patroni, samples);
    }

    /** A fault in place. */
    public final class Active {
        private final DrillScenario scenario;
        private final String leader;
        private final DrillFault fault;
        private final InjectedFault injected;

        private Active(DrillScenario scenario, String leader, DrillFault fault, InjectedFault injected) {
            this.scenario = scenario;
            this.leader = leader;
            this.fault = fault;
            this.injected = injected;
        }

        public DrillScenario scenario() {
            return scenario;
        }

        /** The leader the fault was injected on. */
        public String leader() {
            return leader;
        }

        /** Undoes the fault, once; stops what watched the faulty node. */
        public void heal() {
            try {
                injected.heal();
            } finally {
                injected.stopWatching();
            }
        }

        /** Healed as the fault's drill means it: the cluster healthy, and what the fault adds (kill-router: both routers). */
        public boolean healed() {
            return healthy() && fault.healed(tools());
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
    }
}
