package io.pgha.runtime.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A cancelled drill stops at its next wait. */
class DrillCancelTest {

    @Test
    void aDrillCancelledBeforeTheFaultTouchesNothing() {
        DrillTarget target = new DrillTarget(
                "pg-ha",
                List.of("pg-0"),
                List.of("etcd-1"),
                "pg-ha",
                "127.0.0.1",
                5000,
                5001,
                Map.of("pg-0", "http://127.0.0.1:9"),
                "postgres",
                "secret",
                "pgha/supervisor:local");
        List<String> progress = new CopyOnWriteArrayList<>();
        // no Docker at all: a drill that tried to inject a fault would fail with a NullPointerException
        DrillRunner runner = new DrillRunner(target, DrillSettings.defaults(), null, progress::add, () -> true);

        assertThatThrownBy(() -> runner.run(DrillScenario.KILL_PRIMARY))
                .isInstanceOfSatisfying(
                        PghaException.class, e -> assertThat(e.kind()).isEqualTo(PghaException.Kind.REFUSED))
                .hasMessageContaining("cancelled");
        assertThat(progress).containsExactly("waiting for a healthy cluster");
    }
}
