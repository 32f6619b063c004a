package io.pgha.runtime.provision;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.docker.DockerContainer;
import io.pgha.runtime.docker.PublishedPort;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackPorts;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.testsupport.RefusingDockerEngine;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Before an etcd member is added to a running stack, the ports its container publishes are checked free: published by
 * no container of another stack, bound by no other process (ports of helper block 45000–45999).
 */
class EtcdMemberPortsTest {

    private static final StackCredentials CREDENTIALS = StackCredentials.generate("postgres", "standby", "admin");
    private static final StackSpec FIVE = StackSpec.builder()
            .name("h57ports")
            .images(ImageProfile.LOCAL)
            .etcdMembers(5)
            .ports(new StackPorts(45100, 45105, 45110, 45120, 45140, 45150))
            .build();

    @Test
    void freePortsPass() {
        assertThatCode(() -> check(List.of())).doesNotThrowAnyException();
    }

    @Test
    void aPortBoundByAnotherProcessRefusesTheAdd() throws Exception {
        int port = FIVE.ports().etcdOf(4);
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(FIVE.bindAddress()), port));
            assertThatThrownBy(() -> check(List.of()))
                    .isInstanceOf(PghaException.class)
                    .hasMessageContaining("port " + port)
                    .hasMessageContaining("in use by another process");
        }
    }

    @Test
    void aPortPublishedByAnotherStacksContainerRefusesTheAdd() {
        int port = FIVE.ports().etcdOf(4);
        DockerContainer other = new DockerContainer(
                "id",
                "other-etcd-1",
                "pgha/etcd:local",
                Map.of("io.pgha.stack", "other"),
                "running",
                List.of(new PublishedPort("0.0.0.0", port, 2379)));
        assertThatThrownBy(() -> check(List.of(other)))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("already published by container other-etcd-1");
    }

    private static void check(List<DockerContainer> running) {
        DockerPlan plan = DockerPlan.of(FIVE, CREDENTIALS);
        DockerPlan.Planned etcd4 = plan.containers().stream()
                .filter(p -> p.name().equals(plan.layout().containerName("etcd-4")))
                .findFirst()
                .orElseThrow();
        new Preflight(new RefusingDockerEngine() {
                    @Override
                    public List<DockerContainer> containers(Map<String, String> labels) {
                        return running;
                    }
                })
                .checkPortsFree(plan, etcd4);
    }
}
