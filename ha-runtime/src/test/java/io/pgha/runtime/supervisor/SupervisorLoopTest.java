package io.pgha.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The supervisor's own thread, fed by the ports' watch and event stream, over a stack held in memory: no Docker, no etcd. */
class SupervisorLoopTest {

    private static SupervisorSettings settings() {
        return new SupervisorSettings(
                "pg-ha",
                "/service/",
                List.of("http://etcd-1:2379"),
                List.of("pg-0", "pg-1", "pg-2"),
                "",
                "pg-router:9999",
                8008,
                true,
                true,
                Duration.ofSeconds(1),
                Optional.empty(),
                5432,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    @Test
    void fencesADeadLeaderThenRoutesItsSuccessor() {
        InMemoryStack stack = new InMemoryStack("pg-0", "pg-1", "pg-2").keyTakenBy("pg-0");
        try (Supervisor supervisor = new Supervisor(settings(), stack.ports())) {
            supervisor.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> !stack.heartbeats.isEmpty());

            stack.containerDies("pg-0");
            await().atMost(Duration.ofSeconds(5)).until(() -> stack.holder().isEmpty());
            stack.acceptsWrites("pg-1").keyTakenBy("pg-1");

            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(stack.heartbeats)
                            .last()
                            .satisfies(h -> assertThat(h.lastAction())
                                    .isEqualTo("routed writes to pg-1: its PostgreSQL accepts writes")));
        }
        assertThat(stack.deletions).hasSize(1);
        assertThat(stack.routerLog())
                .containsExactly(
                        "primary/pg-0 down",
                        "shut primary/pg-0", // fenced
                        "primary/pg-0 down",
                        "shut primary/pg-0", // nobody holds the key
                        "primary/pg-1 up",
                        "primary/pg-0 down",
                        "shut primary/pg-0",
                        "primary/pg-2 down",
                        "shut primary/pg-2",
                        "replicas/pg-1 down");
        assertThat(stack.heartbeats).extracting(Heartbeat::promotionCheck).containsOnly("patroni");
    }
}
