package io.pgha.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.stack.StackService.Role;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Which containers are on the critical path of pgha up and which start beside it (docs/decisions/0023). */
class LaunchTest {

    @Test
    void onlyEtcdAndPostgresAreOnTheCriticalPath() {
        assertThat(Launch.of(Role.ETCD)).isEqualTo(Launch.FIRST);
        assertThat(Launch.of(Role.POSTGRES))
                .as("Patroni logs in to etcd from its first request")
                .isEqualTo(Launch.AFTER_ETCD_USERS);
        assertThat(Arrays.stream(new Role[] {Role.ROUTER, Role.EXPORTER, Role.PROMETHEUS})
                        .map(Launch::of))
                .as("they retry what they watch, so nothing waits for them but the last steps")
                .containsOnly(Launch.IN_BACKGROUND_AFTER_ETCD_START);
        assertThat(Launch.of(Role.SUPERVISOR))
                .as("it logs in to etcd as its user and acts on a leader, on an image ensured in the background")
                .isEqualTo(Launch.IN_BACKGROUND_AFTER_LEADER_AND_IMAGE);
    }

    @Test
    void onlyWhatTheCriticalPathStartsIsCreatedUpFront() {
        for (Role role : Role.values()) {
            assertThat(Launch.of(role).createdUpFront())
                    .as(role + " created in step create")
                    .isEqualTo(role == Role.ETCD || role == Role.POSTGRES);
        }
    }
}
