package io.pgha.runtime.attach;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.docker.StackContainer;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.testsupport.MemberBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LocalStacksTest {

    private static StackContainer container(
            String name, String role, Map<Integer, StackContainer.HostPort> published, Optional<String> scope) {
        return new StackContainer(
                new ContainerInfo(
                        name, "id-" + name, role, "img", "running", "none", 0, Optional.empty(), OptionalInt.empty()),
                published,
                Optional.of("pg-ha"),
                Optional.of(name),
                scope);
    }

    @Test
    void aComposeProjectWithEtcdAndPostgresIsAStackToAttachByItsPublishedEtcdPorts() {
        List<StackContainer> containers = List.of(
                container(
                        "etcd-2",
                        "etcd",
                        Map.of(2379, new StackContainer.HostPort("127.0.0.1", 23792)),
                        Optional.empty()),
                container(
                        "etcd-1",
                        "etcd",
                        Map.of(2379, new StackContainer.HostPort("127.0.0.1", 23791)),
                        Optional.empty()),
                container(
                        "pg-0",
                        "postgres",
                        Map.of(8008, new StackContainer.HostPort("127.0.0.1", 8008)),
                        Optional.of("pg-ha")));
        LocalStack s = LocalStacks.of("pg-ha", containers).orElseThrow();
        assertThat(s.etcdEndpoints()).containsExactly("http://127.0.0.1:23791", "http://127.0.0.1:23792");
        assertThat(s.scope()).contains("pg-ha");
        assertThat(s.attachCommand())
                .isEqualTo("pgha attach pg-ha --etcd http://127.0.0.1:23791,http://127.0.0.1:23792 --scope pg-ha");
    }

    @Test
    void withoutPublishedEtcdOrWithoutPostgresItIsNot() {
        assertThat(LocalStacks.of(
                        "x",
                        List.of(
                                container("etcd-1", "etcd", Map.of(), Optional.empty()),
                                container("pg-0", "postgres", Map.of(), Optional.of("x")))))
                .isEmpty();
        assertThat(LocalStacks.of(
                        "x",
                        List.of(container(
                                "etcd-1",
                                "etcd",
                                Map.of(2379, new StackContainer.HostPort("127.0.0.1", 2379)),
                                Optional.empty()))))
                .isEmpty();
    }

    @Test
    void theAdvertisedRestUrlLosesItsPath() {
        Member m = MemberBuilder.member("pg-0", Role.LEADER, "running").build();
        assertThat(ClusterDiscovery.advertisedBase(m)).contains("http://pg-0:8008");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "https://pg-0:8008/patroni, https",
        "HTTPS://pg-0:8008/patroni, https",
        "http://pg-0:8008/patroni, http",
        "pg-0:8008, http",
        "'', http"
    })
    void aPublishedRestPortIsAskedWithTheSchemeTheMemberAdvertises(String advertised, String scheme) {
        Member m = MemberBuilder.member("pg-0", Role.LEADER, "running")
                .apiUrl(advertised)
                .build();
        assertThat(ClusterDiscovery.apiScheme(m)).isEqualTo(scheme);
    }
}
