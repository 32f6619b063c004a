package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.apply.MemberSetting;
import io.pgha.runtime.apply.ParameterChanges;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.ops.OperationPlan;
import io.pgha.runtime.ops.OperationRequest;
import io.pgha.runtime.ops.OperationResult;
import io.pgha.runtime.provision.Poll;
import io.pgha.runtime.provision.StackProvisioner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The parameter steps of {@code pgha apply} (docs/decisions/0033), each through the cluster's operations (Patroni's REST
 * adapter, audited): the new values into Patroni's dynamic configuration (PATCH /config), then either every member
 * running them (a reload, read back from each member's pg_settings) or every member flagging the restart pending;
 * a member's restart only if Patroni flags it (POST /restart with restart_pending), until it serves again with a
 * small lag; one switchover to a restarted replica. Every step ends with the cluster healthy: a running leader and
 * every other member streaming within {@link #MAX_LAG} bytes.
 */
final class RollingSteps {

    /** What "a small lag" is after a restart: a replica that caught up to within a megabyte. */
    static final long MAX_LAG = 1024 * 1024;

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final String PARAMETERS = "postgresql.parameters.";

    private final StackProvisioner provisioner;
    private static final String STANDBY_NAMES = "synchronous_standby_names";

    private final String stack;
    private final Supplier<StackOperations> operations;

    RollingSteps(StackProvisioner provisioner, String stack, Supplier<StackOperations> operations) {
        this.provisioner = provisioner;
        this.stack = stack;
        this.operations = operations;
    }

    /**
     * PATCHes {@code changed} into the DCS; with {@code restartExpected} waits until every member flags the restart
     * (Patroni's flag in the cluster's view, which the restarts are driven by), else until every member runs the new
     * values.
     */
    String setParameters(
            Map<String, Optional<String>> changed,
            Map<String, String> contexts,
            boolean restartExpected,
            Consumer<String> progress) {
        Map<String, String> changes = new LinkedHashMap<>();
        changed.forEach((k, v) -> changes.put(PARAMETERS + k, v.orElse("")));
        OperationResult r = ops().perform(new OperationRequest.ChangeConfig(changes).confirm())
                .orThrow();
        progress.accept(r.message());
        if (!restartExpected) {
            return awaitRunning(changed, contexts);
        }
        String pending = await("a restart pending on every member", () -> {
            ClusterSnapshot s = snapshot();
            List<String> flagged = s.members().stream()
                    .filter(Member::pendingRestart)
                    .map(Member::name)
                    .toList();
            return !s.members().isEmpty() && flagged.size() == s.members().size()
                    ? Optional.of("pending restart on " + String.join(", ", flagged))
                    : Optional.empty();
        });
        return pending + "; " + awaitRunning(reloadable(changed, contexts), contexts);
    }

    /**
     * Restarts {@code member}'s PostgreSQL if Patroni flags a restart pending, then waits until the cluster is healthy.
     * Patroni answers "restart failed" when PostgreSQL did not start within its primary_start_timeout (a loaded
     * machine); its HA loop starts it again, so the step waits until the member serves, and asks once more if the
     * restart is still pending.
     */
    String restart(String member, Consumer<String> progress) {
        awaitHealthy("healthy before restarting " + member);
        OperationRequest.Restart request =
                new OperationRequest.Restart(member, OperationRequest.RestartKind.POSTGRES, true, true);
        OperationResult r = ops().perform(request);
        if (!r.ok()) {
            progress.accept(r.message() + "; waiting until Patroni has " + member
                    + " serving again, then once more if the restart is still pending");
            awaitHealthy(member + " serving again after a failed restart");
            r = ops().perform(request).orThrow();
        }
        progress.accept(r.message());
        return awaitHealthy(member + " serving again with a small lag");
    }

    /** One switchover from {@code from} to {@code to} (a restarted replica), once Patroni would take it. */
    String switchover(String from, String to, Consumer<String> progress) {
        awaitHealthy("healthy before the switchover");
        OperationRequest.Switchover request =
                new OperationRequest.Switchover(Optional.of(to), Optional.empty(), Optional.of(from), true);
        await(to + " ready to take over", () -> {
            OperationPlan plan = ops().plan(request);
            return plan.allowed() ? Optional.of(plan.summary()) : Optional.empty();
        });
        OperationResult r = ops().perform(request).orThrow();
        progress.accept(r.message() + " ("
                + String.format(java.util.Locale.ROOT, "%.1f s", r.took().toMillis() / 1e3) + ")");
        return awaitHealthy(from + " streaming from " + to);
    }

    /**
     * After {@code member}'s container was replaced: the cluster healthy, and with synchronous replication on, the
     * synchronous standbys complete again ({@code member} among them in quorum mode), so that the next step may take
     * another replica away without stopping commits.
     */
    String awaitBack(String member, io.pgha.runtime.stack.PatroniTuning tuning) {
        String healthy = awaitHealthy(member + " streaming again with a small lag");
        io.pgha.runtime.stack.SynchronousMode mode = tuning.synchronousMode();
        if (mode == io.pgha.runtime.stack.SynchronousMode.OFF) {
            return healthy;
        }
        return await(member + " back among the synchronous standbys", () -> {
            ClusterSnapshot s = snapshot();
            List<Member> replicas = s.replicas();
            long synchronous = synchronousStandbys(replicas);
            boolean memberIn = mode != io.pgha.runtime.stack.SynchronousMode.QUORUM
                    || replicas.stream()
                            .anyMatch(m ->
                                    m.name().equals(member) && m.role() == io.pgha.runtime.model.Role.QUORUM_STANDBY);
            return synchronous >= Math.min(tuning.synchronousNodeCount(), replicas.size()) && memberIn
                    ? Optional.of(describe(s))
                    : Optional.empty();
        });
    }

    /**
     * Sets Patroni's synchronous_mode and synchronous_node_count in the DCS (a loosening one is confirmed by the plan
     * itself), then waits until the leader has as many synchronous (or quorum) standbys as they ask for.
     */
    String synchronousSettings(io.pgha.runtime.stack.PatroniTuning tuning, Consumer<String> progress) {
        io.pgha.runtime.stack.SynchronousMode mode = tuning.synchronousMode();
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("synchronous_mode", mode.patroniValue());
        changes.put("synchronous_node_count", String.valueOf(tuning.synchronousNodeCount()));
        progress.accept(ops().perform(new OperationRequest.ChangeConfig(changes).confirm())
                .orThrow()
                .message());
        return await(
                "synchronous_mode " + mode.patroniValue() + " with " + tuning.synchronousNodeCount()
                        + " synchronous standby(s) in force",
                () -> {
                    ClusterSnapshot s = snapshot();
                    List<Member> replicas = s.replicas();
                    long synchronous = synchronousStandbys(replicas);
                    long wanted = Math.min(tuning.synchronousNodeCount(), replicas.size());
                    boolean inForce = switch (mode) {
                        case OFF -> synchronous == 0;
                        case ON -> synchronous == wanted;
                        case QUORUM -> synchronous >= wanted;
                    };
                    boolean inDcs = changes.entrySet().stream()
                            .allMatch(e -> e.getValue()
                                    .equalsIgnoreCase(
                                            String.valueOf(s.dynamicConfig().get(e.getKey()))));
                    if (!inForce || !inDcs || s.leaderMember().isEmpty()) {
                        return Optional.empty();
                    }
                    String names = Optional.ofNullable(provisioner
                                    .settings(stack, s.leaderMember().get().name(), List.of(STANDBY_NAMES))
                                    .get(STANDBY_NAMES))
                            .map(io.pgha.runtime.apply.MemberSetting::setting)
                            .orElse("?");
                    return standbyNamesSay(names, tuning, replicas.size())
                            ? Optional.of(STANDBY_NAMES + " '" + names + "'; " + describe(s))
                            : Optional.empty();
                });
    }

    private static long synchronousStandbys(List<Member> replicas) {
        return replicas.stream()
                .filter(m -> m.role() == io.pgha.runtime.model.Role.SYNC_STANDBY
                        || m.role() == io.pgha.runtime.model.Role.QUORUM_STANDBY)
                .count();
    }

    /** Whether the leader's synchronous_standby_names is what Patroni writes for {@code tuning}. */
    static boolean standbyNamesSay(String names, io.pgha.runtime.stack.PatroniTuning tuning, int replicas) {
        int n = Math.min(tuning.synchronousNodeCount(), replicas);
        String v = names.strip();
        return switch (tuning.synchronousMode()) {
            case OFF -> v.isEmpty();
            case QUORUM -> v.startsWith("ANY " + n + " (");
            case ON ->
                n <= 1
                        ? !v.isEmpty() && !v.startsWith("ANY ") && !v.contains("(")
                        : v.matches("(FIRST )?" + n + " \\(.*");
        };
    }

    /** Every member runs every changed parameter that has a value (no restart pending for it). */
    String awaitRunning(Map<String, Optional<String>> changed, Map<String, String> contexts) {
        Map<String, String> wanted = new LinkedHashMap<>();
        changed.forEach((k, v) -> v.ifPresent(value -> wanted.put(k, value)));
        if (wanted.isEmpty()) {
            return "nothing to read back";
        }
        List<String> last = new ArrayList<>();
        return await("every member running " + wanted, () -> {
            last.clear();
            List<String> members =
                    snapshot().members().stream().map(Member::name).toList();
            for (String m : members) {
                Map<String, MemberSetting> rows;
                try {
                    rows = provisioner.settings(stack, m, wanted.keySet());
                } catch (PghaException e) {
                    last.add(m + ": " + e.getMessage());
                    continue;
                }
                wanted.forEach((k, v) -> {
                    MemberSetting row = rows.get(k);
                    if (row == null || !row.runs(v)) {
                        last.add(m + " " + k + "=" + (row == null ? "?" : row.setting() + row.unit()));
                    }
                });
            }
            return last.isEmpty() && !members.isEmpty()
                    ? Optional.of(String.join(", ", members) + " run " + describe(wanted))
                    : Optional.empty();
        });
    }

    private static Map<String, Optional<String>> reloadable(
            Map<String, Optional<String>> changed, Map<String, String> contexts) {
        Map<String, Optional<String>> r = new LinkedHashMap<>();
        changed.forEach((k, v) -> {
            if (!ParameterChanges.needsRestart(k, contexts)) {
                r.put(k, v);
            }
        });
        return r;
    }

    /** A running leader, every other member streaming within {@link #MAX_LAG}; returns what it saw. */
    String awaitHealthy(String what) {
        return awaitHealthyBut(what, Optional.empty());
    }

    /**
     * {@link #awaitHealthy(String)} but for {@code member}, whatever state it is in: the member about to be replaced may
     * be the broken one (its container stopped or gone, its data unusable), which is what a replacement is for.
     */
    String awaitHealthyBut(String what, Optional<String> member) {
        return await(what, () -> {
            ClusterSnapshot s = snapshot();
            return healthyBut(s, member) ? Optional.of(describe(s)) : Optional.empty();
        });
    }

    /**
     * A running leader, no switchover scheduled, and every replica but {@code member} streaming within {@link #MAX_LAG}
     * bytes (a leader named {@code member} still has to run: a replacement never takes the primary away).
     */
    static boolean healthyBut(ClusterSnapshot s, Optional<String> member) {
        Optional<Member> leader = s.leaderMember().filter(Member::isRunning);
        boolean replicasOk = s.replicas().stream()
                .filter(m -> member.isEmpty() || !m.name().equals(member.get()))
                .allMatch(m -> m.isStreaming()
                        && m.lagBytes().isPresent()
                        && m.lagBytes().getAsLong() <= MAX_LAG);
        return leader.isPresent() && replicasOk && s.scheduledSwitchover().isEmpty();
    }

    static String describe(ClusterSnapshot s) {
        return String.join(
                ", ",
                s.members().stream()
                        .map(m -> m.name() + " " + m.role().patroniName() + " " + m.state()
                                + (m.lagBytes().isPresent()
                                        ? " lag " + m.lagBytes().getAsLong()
                                        : "")
                                + (m.pendingRestart() ? " pending restart" : ""))
                        .toList());
    }

    private static String describe(Map<String, String> wanted) {
        return String.join(
                ", ",
                wanted.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .toList());
    }

    private <T> T await(String what, Supplier<Optional<T>> check) {
        return Poll.until(what, STEP_TIMEOUT, POLL, check, () -> describe(snapshot()));
    }

    private io.pgha.runtime.ops.ClusterOperations ops() {
        return operations.get().ops();
    }

    private ClusterSnapshot snapshot() {
        return operations.get().snapshot();
    }
}
