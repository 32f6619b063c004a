package io.pgha.runtime.attach;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.docker.StackContainer;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.testsupport.MemberBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which local container is member pg-0 of scope S, when several stacks run on one engine. */
class ContainerOfMemberTest {

    /** Containers as "name/project/service" separated by spaces; the expected container name, or "none". */
    @ParameterizedTest(name = "scope {0}, containers [{1}] -> {2}")
    @CsvSource({
        "pg-ha, pg-0/pg-ha/pg-0 bk19-pg-0/bk19/pg-0, pg-0",
        "pg-ha, bk19-pg-0/bk19/pg-0 pg-0/pg-ha/pg-0, pg-0",
        "bk19, pg-0/pg-ha/pg-0 bk19-pg-0/bk19/pg-0, bk19-pg-0",
        "bk19, bk19-pg-0/bk19/pg-0, bk19-pg-0",
        "other, a-pg-0/a/pg-0 b-pg-0/b/pg-0, none",
        "pg-ha, pg-1/pg-ha/pg-1, none"
    })
    void theContainerNamedLikeTheMemberElseTheOneServiceOfTheScopesProject(
            String scope, String containers, String expected) {
        Member m = MemberBuilder.member("pg-0", Role.LEADER, "running")
                .apiUrl("https://" + "x" + ":8008/patroni")
                .build();
        List<StackContainer> all = Arrays.stream(containers.split(" "))
                .map(ContainerOfMemberTest::container)
                .toList();
        assertThat(ClusterDiscovery.containerOf(m, scope, all).map(StackContainer::name))
                .isEqualTo("none".equals(expected) ? Optional.empty() : Optional.of(expected));
    }

    private static StackContainer container(String spec) {
        String[] p = spec.split("/");
        return new StackContainer(
                new ContainerInfo(
                        p[0],
                        "id-" + p[0],
                        "postgres",
                        "img",
                        "running",
                        "none",
                        0,
                        Optional.empty(),
                        OptionalInt.empty()),
                Map.of(),
                Optional.of(p[1]),
                Optional.of(p[2]),
                Optional.empty());
    }
}
