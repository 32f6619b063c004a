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

    /**
     * Whether the leading supervisor has published the leader it read: its loop has then also subscribed to container
     * deaths (queued before the key's first read), so a death from now on is seen. Leading alone says only that the
     * lease thread won the key; on a loaded machine the loop may not have run yet.
     */
    private static boolean listening(InMemoryStack stack) {
        return stack.heartbeats.stream().anyMatch(h -> h.leader().isPresent());
    }

    /** Docker's die event dated and the key read at once: the death alone fences, the engine is not asked (ADR 72). */
    @Test
    void aFreshDeathIsFencedWithoutAskingTheEngineAgain() {
        InMemoryStack stack =
                new InMemoryStack("pg-0", "pg-1", "pg-2").keyTakenBy("pg-0").withFreshDeaths();
        try (Supervisor supervisor = new Supervisor(settings(), stack.ports())) {
            supervisor.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> listening(stack));
            int asked = stack.inspections.size();

            stack.containerDies("pg-0");
            await().atMost(Duration.ofSeconds(5)).until(() -> stack.holder().isEmpty());

            assertThat(stack.deletions).hasSize(1);
            assertThat(stack.inspections).as("asked the engine after the death").hasSize(asked);
        }
    }

    @Test
    void fencesADeadLeaderThenRoutesItsSuccessor() {
        InMemoryStack stack = new InMemoryStack("pg-0", "pg-1", "pg-2").keyTakenBy("pg-0");
        try (Supervisor supervisor = new Supervisor(settings(), stack.ports())) {
            supervisor.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> listening(stack));

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
                        "primary/pg-0 down", // fenced; its container is gone, so its sessions are not shut (ADR 68)
                        "primary/pg-0 down", // nobody holds the key
                        "primary/pg-1 up",
                        "primary/pg-0 down",
                        "primary/pg-2 down",
                        "shut primary/pg-2",
                        "replicas/pg-1 down");
        assertThat(stack.heartbeats).extracting(Heartbeat::promotionCheck).containsOnly("patroni");
    }

    /** Two supervisors on one stack: one fences and routes, the other stands by; when the first dies, the second acts. */
    @Test
    void ofTwoSupervisorsOnlyTheLeaderActsAndTheOtherTakesOverWhenItDies() {
        InMemoryStack stack = new InMemoryStack("pg-0", "pg-1", "pg-2").keyTakenBy("pg-0");
        try (Supervisor first = new Supervisor(settings(), stack.ports())) {
            first.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> first.leading() && listening(stack));
            try (Supervisor second = new Supervisor(settings(), stack.ports())) {
                second.start();
                long tenure = stack.supervisorTenure().getAsLong();

                stack.containerDies("pg-0");
                await().atMost(Duration.ofSeconds(5)).until(() -> stack.holder().isEmpty());
                stack.acceptsWrites("pg-1").keyTakenBy("pg-1");
                await().atMost(Duration.ofSeconds(5))
                        .untilAsserted(() -> assertThat(stack.routerLog()).endsWith("replicas/pg-1 down"));
                assertThat(second.leading()).isFalse();
                assertThat(stack.deletions).hasSize(1);
                assertThat(stack.routerLog())
                        .as("one supervisor's commands, not two")
                        .hasSize(7);

                stack.supervisorLeaseExpires(); // the first is killed: its lease runs out, etcd deletes the key
                first.close();
                await().atMost(Duration.ofSeconds(5)).until(second::leading);
                assertThat(stack.supervisorTenure().getAsLong()).isGreaterThan(tenure);

                stack.containerDies("pg-1");
                await().atMost(Duration.ofSeconds(5)).until(() -> stack.holder().isEmpty());
                assertThat(stack.deletions).hasSize(2).last().asString().startsWith("pg-1@");
            }
        }
    }
}
