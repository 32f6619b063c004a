package io.pgha.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pgha.runtime.PghaException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A stack with two routers (docs/decisions/0030): each gets every command, and a dead one keeps nothing from the other. */
class TwoRoutersTest {

    private static SupervisorSettings settings() {
        return new SupervisorSettings(
                "pg-ha",
                "/service/",
                List.of("http://etcd-1:2379"),
                List.of("pg-0", "pg-1", "pg-2"),
                "",
                "pg-router:9999,pg-router-2:9999",
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

    /** A router that is gone: every command fails, as HAProxy's runtime API does when its container is dead. */
    private static final class DeadRouter implements RouterPort {
        final List<String> tried = new CopyOnWriteArrayList<>();

        @Override
        public void forceHealth(String listener, String member, boolean up) {
            tried.add(listener + "/" + member);
            throw PghaException.unavailable("HAProxy runtime API at pg-router:9999 did not answer", null);
        }

        @Override
        public void shutdownSessions(String listener, String member) {
            tried.add("shut " + listener + "/" + member);
            throw PghaException.unavailable("HAProxy runtime API at pg-router:9999 did not answer", null);
        }
    }

    @Test
    void aDeadFirstRouterKeepsNoCommandFromTheSecond() {
        InMemoryStack stack =
                new InMemoryStack("pg-0", "pg-1", "pg-2").keyTakenBy("pg-0").acceptsWrites("pg-0");
        DeadRouter dead = new DeadRouter();
        SupervisorPorts single = stack.ports();
        SupervisorPorts ports = new SupervisorPorts(
                single.leaderKey(),
                single.containers(),
                single.readiness(),
                RouterPort.of(List.of(dead, single.router())),
                single.heartbeat(),
                single.leadership(),
                single.resources());
        try (Supervisor supervisor = new Supervisor(settings(), ports)) {
            supervisor.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> !stack.heartbeats.isEmpty());

            stack.containerDies("pg-0");
            await().atMost(Duration.ofSeconds(5)).until(() -> stack.holder().isEmpty());
            stack.acceptsWrites("pg-1").keyTakenBy("pg-1");

            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(stack.routerLog())
                            .as("the living router got the whole move, the dead one failing beside it")
                            .containsSubsequence(
                                    "primary/pg-1 up",
                                    "primary/pg-0 down",
                                    "primary/pg-2 down",
                                    "shut primary/pg-2",
                                    "replicas/pg-1 down"));
        }
        assertThat(dead.tried).as("the dead router was tried at each move").contains("primary/pg-1");
    }

    @Test
    void oneRouterIsItsOwnPortAndTwoAreEachDrivenAlone() {
        RouterPort one = new DeadRouter();
        assertThat(RouterPort.of(List.of(one))).isSameAs(one);
        RouterPort both = RouterPort.of(List.of(one, new DeadRouter()));
        assertThat(both.each()).hasSize(2);
        assertThatThrownBy(() -> both.forceHealth("primary", "pg-0", true)).isInstanceOf(PghaException.class);
    }

    @Test
    void theRoutersApisAreCommaSeparated() {
        assertThat(SupervisorFactory.routerApis("pg-router:9999")).containsExactly("pg-router:9999");
        assertThat(SupervisorFactory.routerApis("unix:/var/lib/haproxy/admin.sock, unix:/var/lib/haproxy-2/admin.sock"))
                .containsExactly("unix:/var/lib/haproxy/admin.sock", "unix:/var/lib/haproxy-2/admin.sock");
        assertThatThrownBy(() -> SupervisorFactory.routerApis(" , ")).isInstanceOf(PghaException.class);
    }
}
