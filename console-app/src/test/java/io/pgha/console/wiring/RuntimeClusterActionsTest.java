package io.pgha.console.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.ClusterAction;
import io.pgha.runtime.ops.OperationRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuntimeClusterActionsTest {

    @Test
    void aSwitchoverFromTheConsoleIsConfirmedAndNamesTheLeaderTheUserSaw() {
        OperationRequest r = RuntimeClusterActions.request(new ClusterAction.Switchover("pg-0", "pg-2"));

        assertThat(r)
                .isEqualTo(new OperationRequest.Switchover(
                        Optional.of("pg-2"), Optional.empty(), Optional.of("pg-0"), true));
        assertThat(r.confirmed()).isTrue();
    }

    @Test
    void restartsKeepTheirKindAndAreConfirmedBecauseTheConsoleAskedFirst() {
        assertThat(RuntimeClusterActions.request(new ClusterAction.RestartPostgres("pg-1")))
                .isEqualTo(new OperationRequest.Restart("pg-1", OperationRequest.RestartKind.POSTGRES, false, true));
        assertThat(RuntimeClusterActions.request(new ClusterAction.RestartContainer("pg-1")))
                .isEqualTo(new OperationRequest.Restart("pg-1", OperationRequest.RestartKind.CONTAINER, false, true));
    }

    @Test
    void theOtherActionsMapOneToOne() {
        assertThat(RuntimeClusterActions.request(new ClusterAction.Failover("pg-1")))
                .isEqualTo(new OperationRequest.Failover("pg-1"));
        assertThat(RuntimeClusterActions.request(new ClusterAction.Reinitialize("pg-2")))
                .isEqualTo(new OperationRequest.Reinitialize("pg-2"));
        assertThat(RuntimeClusterActions.request(new ClusterAction.Pause())).isEqualTo(new OperationRequest.Pause());
        assertThat(RuntimeClusterActions.request(new ClusterAction.Resume())).isEqualTo(new OperationRequest.Resume());
    }
}
