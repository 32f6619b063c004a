package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.monitor.ClusterMonitor;
import io.pgha.runtime.ops.AuditEntry;
import io.pgha.runtime.ops.ClusterOperations;
import io.pgha.runtime.ops.ConfigPlan;
import io.pgha.runtime.ops.ConfigWeakening;
import io.pgha.runtime.ops.OperationPlan;
import io.pgha.runtime.ops.OperationRequest;
import io.pgha.runtime.ops.OperationRequest.ChangeConfig;
import io.pgha.runtime.ops.OperationResult;
import io.pgha.runtime.ops.OperationResult.Outcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code pgha config set} and a change that weakens durability or security: without a terminal it needs --yes, is
 * refused without it (non-zero exit, nothing changed), and the request the runtime gets (and audits) says whether it
 * was confirmed. The operations are a stand-in that applies the runtime's own weakening rule.
 */
class ConfigGuardTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<OperationRequest> performed = new CopyOnWriteArrayList<>();
    private Function<ClusterOption, OperationSession> before;

    @BeforeEach
    void standIn() {
        before = OperationSession.opener;
        OperationSession.opener = cluster -> new OperationSession(() -> {}, new StandInOperations());
    }

    @AfterEach
    void restore() {
        OperationSession.opener = before;
    }

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aWeakeningChangeWithoutATerminalOrYesIsRefusedAndSaysHowToConfirm() {
        assertThat(run("config", "set", "synchronous_mode=false")).isEqualTo(ExitCodes.REFUSED);

        assertThat(err.toString())
                .contains("warning: weakens durability: synchronous_mode quorum → false: commits no longer wait")
                .contains("needs a confirmation and there is no terminal to ask on; nothing was changed")
                .contains("Pass --yes to confirm it");
        assertThat(performed).singleElement().isEqualTo(new ChangeConfig(Map.of("synchronous_mode", "false"), false));
    }

    @Test
    void yesConfirmsItAndTheRequestCarriesTheConfirmation() {
        assertThat(run("config", "set", "postgresql.parameters.fsync=off", "--yes"))
                .isZero();

        assertThat(performed)
                .singleElement()
                .isEqualTo(new ChangeConfig(Map.of("postgresql.parameters.fsync", "off"), true));
        assertThat(performed.getFirst().parameters()).containsEntry("confirmed", "true");
        assertThat(out.toString()).contains("config: configuration changed");
    }

    @Test
    void aHarmlessChangeNeedsNoConfirmation() {
        assertThat(run("config", "set", "loop_wait=3")).isZero();
        assertThat(performed).singleElement().isEqualTo(new ChangeConfig(Map.of("loop_wait", "3"), false));
    }

    @Test
    void aDryRunSaysWhatWouldNeedAConfirmation() {
        assertThat(run("config", "set", "postgresql.parameters.ssl=off", "--dry-run"))
                .isZero();
        assertThat(out.toString())
                .contains("weakens security: postgresql.parameters.ssl on → off: connections are no longer encrypted"
                        + " (needs confirmation)");
        assertThat(performed).isEmpty();
    }

    /** A cluster whose configuration has synchronous_mode quorum and ssl on; it refuses what the runtime would. */
    private final class StandInOperations implements ClusterOperations {
        private final Map<String, String> config = new TreeMap<>(
                Map.of("synchronous_mode", "quorum", "loop_wait", "2", "postgresql.parameters.ssl", "on"));

        @Override
        public ConfigPlan previewConfig(Map<String, String> changes) {
            List<ConfigPlan.Change> list = new ArrayList<>();
            new TreeMap<>(changes)
                    .forEach((k, v) ->
                            list.add(new ConfigPlan.Change(k, Optional.ofNullable(config.get(k)), Optional.of(v))));
            return new ConfigPlan(list, List.of(), List.of(), Map.of());
        }

        @Override
        public OperationPlan plan(OperationRequest request) {
            ChangeConfig change = (ChangeConfig) request;
            List<String> warnings = ConfigWeakening.of(
                            previewConfig(change.changes()).changes())
                    .stream()
                    .map(ConfigWeakening.Weakening::describe)
                    .toList();
            return new OperationPlan(
                    request,
                    "cluster",
                    "change " + String.join(", ", new TreeMap<>(change.changes()).keySet()),
                    Optional.empty(),
                    Optional.empty(),
                    warnings,
                    !warnings.isEmpty());
        }

        @Override
        public OperationResult perform(OperationRequest request) {
            performed.add(request);
            OperationPlan plan = plan(request);
            boolean refused = plan.needsConfirmation() && !request.confirmed();
            return new OperationResult(
                    "config",
                    "cluster",
                    request.parameters(),
                    refused ? Outcome.REFUSED : Outcome.SUCCEEDED,
                    refused
                            ? plan.summary() + " needs an explicit confirmation; nothing was sent"
                            : "configuration changed: " + plan.summary(),
                    plan.warnings(),
                    Instant.now(),
                    Duration.ofMillis(5),
                    refused ? Optional.of(io.pgha.runtime.PghaException.Kind.REFUSED) : Optional.empty());
        }

        @Override
        public ClusterConnection connection() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Object> dynamicConfig() {
            return Map.copyOf(config);
        }

        @Override
        public List<AuditEntry> audit(int max) {
            return List.of();
        }

        @Override
        public List<ClusterEvent> recentEvents(int max) {
            return List.of();
        }

        @Override
        public ClusterMonitor.Subscription onEvent(Consumer<ClusterEvent> listener) {
            return () -> {};
        }

        @Override
        public void close() {}
    }
}
