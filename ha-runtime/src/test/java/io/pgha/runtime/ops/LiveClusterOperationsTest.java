package io.pgha.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.ops.OperationRequest.ChangeConfig;
import io.pgha.runtime.ops.OperationRequest.Pause;
import io.pgha.runtime.ops.OperationRequest.Restart;
import io.pgha.runtime.ops.OperationResult.Outcome;
import io.pgha.runtime.patroni.PatroniActions;
import io.pgha.runtime.patroni.PatroniClient;
import io.pgha.runtime.patroni.PatroniReply;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orchestration of plan, act, confirm and journal, with Patroni replaced by a recorder. */
class LiveClusterOperationsTest {

    @TempDir
    Path dir;

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final FixedMonitor monitor = new FixedMonitor(Snapshots.healthy().build());

    private LiveClusterOperations operations() {
        OperationSettings settings = OperationSettings.defaults().withAuditDir(Optional.of(dir));
        return new LiveClusterOperations(monitor, settings, new RecordingBackends(), Clock.systemUTC());
    }

    @Test
    void anInvalidConfigurationIsRefusedBeforeAnythingIsSentAndIsAudited() {
        List<ClusterEvent> events = new ArrayList<>();
        try (LiveClusterOperations ops = operations()) {
            ops.onEvent(events::add);
            OperationResult r = ops.perform(new ChangeConfig(Map.of("loop_wait", "20", "ttl", "20")));

            assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(r.message()).contains("20 + 2·5 = 30 > ttl 20").endsWith("nothing was sent");
            assertThat(sent).isEmpty();
            AuditEntry entry = ops.audit(10).get(0);
            assertThat(entry.operation()).isEqualTo("config");
            assertThat(entry.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(entry.parameters()).containsEntry("loop_wait", "20").containsEntry("ttl", "20");
            assertThat(entry.user()).isEqualTo(System.getProperty("user.name"));
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(ClusterEvent.Kind.OPERATION);
                assertThat(e.severity()).isEqualTo(ClusterEvent.Severity.WARNING);
            });
            assertThat(ops.recentEvents(5)).extracting(ClusterEvent::kind).containsExactly(ClusterEvent.Kind.OPERATION);
            PghaException thrown =
                    org.assertj.core.api.Assertions.catchThrowableOfType(PghaException.class, r::orThrow);
            assertThat(thrown.kind()).isEqualTo(PghaException.Kind.REFUSED);
            assertThat(thrown.getMessage()).startsWith("config refused: ");
        }
    }

    @Test
    void aWeakeningConfigChangeWithoutConfirmationSendsNothingAndTheJournalSaysWhatItWouldWeaken() {
        try (LiveClusterOperations ops = operations()) {
            OperationResult r = ops.perform(new ChangeConfig(Map.of("postgresql.parameters.ssl", "off")));

            assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(r.message()).contains("needs an explicit confirmation").endsWith("nothing was sent");
            assertThat(sent).isEmpty();
            AuditEntry entry = ops.audit(10).get(0);
            assertThat(entry.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(entry.parameters()).containsEntry("postgresql.parameters.ssl", "off");
            assertThat(entry.notes())
                    .singleElement()
                    .asString()
                    .startsWith("weakens security: postgresql.parameters.ssl (unset) → off");
        }
    }

    @Test
    void restartingTheLeaderWithoutConfirmationSendsNothing() {
        try (LiveClusterOperations ops = operations()) {
            OperationResult r = ops.perform(Restart.postgres("pg-0"));
            assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(r.message()).contains("needs an explicit confirmation").contains("writes stop");
            assertThat(sent).isEmpty();
        }
    }

    @Test
    void pauseIsSentToTheLeaderAndConfirmedByALaterSnapshot() {
        try (LiveClusterOperations ops = operations()) {
            OperationResult r = ops.perform(new Pause());
            assertThat(sent).containsExactly("PATCH http://127.0.0.1:8008 {pause=true}");
            assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(r.message()).contains("paused");
            assertThat(ops.audit(1).get(0).outcome()).isEqualTo(Outcome.SUCCEEDED);

            OperationResult again = ops.perform(new Pause());
            assertThat(again.outcome()).isEqualTo(Outcome.NOTHING_TO_DO);
            assertThat(sent).hasSize(1);
        }
    }

    @Test
    void aScheduledSwitchoverIsSentToTheLeaderAndConfirmedByThePendingKey() {
        Instant at = Instant.now().plusSeconds(3600);
        try (LiveClusterOperations ops = operations()) {
            OperationResult r = ops.perform(
                    new OperationRequest.Switchover(Optional.of("pg-2"), Optional.of(at), Optional.empty(), true));
            assertThat(sent).containsExactly("POST http://127.0.0.1:8008 switchover pg-0 → pg-2 at " + at);
            assertThat(r.outcome()).isEqualTo(Outcome.SCHEDULED);
            assertThat(r.message()).isEqualTo("switchover from pg-0 to pg-2 scheduled at " + at);

            OperationResult another = ops.perform(OperationRequest.Switchover.to("pg-1"));
            assertThat(another.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(another.message()).contains("a switchover is already pending");
            assertThat(sent).hasSize(1);
        }
    }

    @Test
    void aRejectedCredentialIsAFailureOfKindUnauthorized() {
        monitor.rejectCredentials = true;
        try (LiveClusterOperations ops = operations()) {
            OperationResult r = ops.perform(new Pause());
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.failure()).contains(PghaException.Kind.UNAUTHORIZED);
            assertThat(r.message()).startsWith("not authorised");
            assertThat(sent).hasSize(1);
        }
    }

    /** A monitor whose snapshot the recording Patroni changes, as a real cluster would. */
    private static final class FixedMonitor extends PublishingMonitor {
        volatile boolean rejectCredentials;

        FixedMonitor(ClusterSnapshot s) {
            super(s);
        }
    }

    private final class RecordingBackends implements Backends {
        @Override
        public PatroniActions actions(String baseUrl) {
            return new PatroniActions() {
                @Override
                public String baseUrl() {
                    return baseUrl;
                }

                @Override
                public PatroniReply switchover(
                        String leader, Optional<String> candidate, Optional<Instant> scheduledAt) {
                    record("POST " + baseUrl + " switchover " + leader + " → " + candidate.orElse("any")
                            + scheduledAt.map(t -> " at " + t).orElse(""));
                    scheduledAt.ifPresent(t -> monitor.current = Snapshots.healthy()
                            .pending(leader, candidate.orElse("any"))
                            .build());
                    return new PatroniReply(202, "Switchover scheduled");
                }

                @Override
                public PatroniReply cancelSwitchover() {
                    return record("DELETE " + baseUrl + " switchover");
                }

                @Override
                public PatroniReply failover(String candidate) {
                    return record("POST " + baseUrl + " failover");
                }

                @Override
                public PatroniReply restart(boolean onlyIfPendingRestart) {
                    return record("POST " + baseUrl + " restart");
                }

                @Override
                public PatroniReply reinitialize() {
                    return record("POST " + baseUrl + " reinitialize");
                }

                @Override
                public PatroniReply patchConfig(Map<String, Object> patch) {
                    record("PATCH " + baseUrl + " " + patch);
                    if (monitor.rejectCredentials) {
                        throw io.pgha.runtime.patroni.PatroniErrors.notAuthorised(baseUrl + "/config", 401, true);
                    }
                    if (Boolean.TRUE.equals(patch.get("pause"))) {
                        monitor.current = Snapshots.healthy().paused().build();
                    }
                    return new PatroniReply(200, "{}");
                }
            };
        }

        private PatroniReply record(String call) {
            sent.add(call);
            return new PatroniReply(200, "");
        }

        @Override
        public PatroniClient reader(String baseUrl) {
            throw new UnsupportedOperationException("not needed here");
        }

        @Override
        public DockerEngine docker() {
            throw new UnsupportedOperationException("not needed here");
        }

        @Override
        public void close() {}
    }
}
