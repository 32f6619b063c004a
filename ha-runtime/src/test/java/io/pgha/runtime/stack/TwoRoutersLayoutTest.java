package io.pgha.runtime.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.stack.StackService.PortMapping;
import io.pgha.runtime.stack.StackService.VolumeUse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The second router of a stack pgha up makes (docs/decisions/0030), and the committed stack that keeps one. */
class TwoRoutersLayoutTest {

    private static StackService service(StackLayout layout, String name) {
        return layout.services().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void pghaUpMakesTwoRoutersTheSecondAtWritePlusTwoAndReadPlusTwo() {
        StackLayout layout = StackLayout.of(StackSpec.defaults());
        assertThat(layout.routers()).containsExactly("pg-router", "pg-router-2");
        StackService second = service(layout, "pg-router-2");
        assertThat(second.role()).isEqualTo(StackService.Role.ROUTER);
        assertThat(second.ports()).containsExactly(new PortMapping(5002, 5000), new PortMapping(5003, 5001));
        assertThat(second.configFiles())
                .as("the same haproxy.cfg as the first router")
                .isEqualTo(service(layout, "pg-router").configFiles());
        assertThat(StackSpec.defaults().publishedPorts())
                .containsEntry(5002, "second router writes")
                .containsEntry(5003, "second router reads");
    }

    @Test
    void eachRouterHasItsOwnSocketVolumeAndTheSupervisorDrivesBoth() {
        StackLayout layout = StackLayout.of(StackSpec.defaults());
        assertThat(service(layout, "pg-router").volumes())
                .containsExactly(new VolumeUse("router-api", StackSecurity.ROUTER_SOCKET_DIR));
        assertThat(service(layout, "pg-router-2").volumes())
                .containsExactly(new VolumeUse("router-2-api", StackSecurity.ROUTER_SOCKET_DIR));
        StackService supervisor = service(layout, StackLayout.SUPERVISOR);
        assertThat(supervisor.volumes())
                .containsExactly(
                        new VolumeUse("router-api", "/var/lib/haproxy"),
                        new VolumeUse("router-2-api", "/var/lib/haproxy-2"));
        assertThat(supervisor.environment())
                .containsEntry(
                        "PGHA_ROUTER_API", "unix:/var/lib/haproxy/admin.sock,unix:/var/lib/haproxy-2/admin.sock");
        assertThat(supervisor.dependsOn()).containsExactly("pg-router", "pg-router-2");
        assertThat(layout.volumes()).contains("router-api", "router-2-api");
    }

    @Test
    void theSeedStackWithTwoRoutersGivesTheSupervisorBothTcpApis() {
        StackSpec seed = StackSpec.builder().security(StackSecurity.SEED).build();
        StackService supervisor = service(StackLayout.of(seed), StackLayout.SUPERVISOR);
        assertThat(supervisor.environment()).containsEntry("PGHA_ROUTER_API", "pg-router:9999,pg-router-2:9999");
    }

    @Test
    void theCommittedStackKeepsOneRouterOnItsPorts() {
        StackLayout layout = StackLayout.compose(StackSpec.committed());
        assertThat(layout.routers()).containsExactly("pg-router");
        assertThat(layout.services()).extracting(StackService::name).doesNotContain("pg-router-2");
        assertThat(service(layout, StackLayout.SUPERVISOR).environment())
                .containsEntry("PGHA_ROUTER_API", "pg-router:9999");
        assertThat(StackSpec.committed().publishedPorts()).doesNotContainKeys(5002, 5003);
    }

    @Test
    void aSecondRouterPortOnAnotherPortIsRefusedAndOneRouterFreesIt() {
        StackPorts tight = new StackPorts(25500, 25501, 25502, 25510, 25520, 25530, 25540);
        assertThatThrownBy(() -> StackSpec.builder().ports(tight).build())
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("port 25502 is given to both the router stats and the second router writes");
        assertThat(StackSpec.builder().ports(tight).routers(1).build().routers())
                .isOne();
        assertThatThrownBy(() -> StackSpec.builder().routers(3).build()).hasMessageContaining("1 or 2 routers, not 3");
        assertThat(tight.writePorts(2)).isEqualTo(List.of(25500, 25502));
        assertThat(tight.readPorts(1)).isEqualTo(List.of(25501));
    }
}
