package io.pgha.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The state file a member change reloads HAProxy with: a newcomer down in every backend, a leaver left out. */
class RouterMembershipTest {

    private static final String HEADER = "1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state "
            + "srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health "
            + "srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl "
            + "srv_check_port srv_check_addr srv_agent_addr srv_agent_port\n";
    private static final String STATE = HEADER
            + "3 primary 1 pg-0 172.22.0.5 2 0 1 1 40 1 0 4 6 0 0 0 pg-0 5432 - 0 8008 - - 0\n"
            + "3 primary 2 pg-1 172.22.0.6 0 0 1 1 40 1 0 0 6 0 0 0 pg-1 5432 - 0 8008 - - 0\n"
            + "4 replicas 1 pg-0 172.22.0.5 0 0 1 1 40 1 0 0 6 0 0 0 pg-0 5432 - 0 8008 - - 0\n"
            + "4 replicas 2 pg-1 172.22.0.6 2 0 1 1 40 1 0 4 6 0 0 0 pg-1 5432 - 0 8008 - - 0\n";

    @Test
    void aNewcomerIsDownInEveryBackendAtItsAddressWithTheNextId() {
        String state = RouterMembership.withDown(STATE, "pg-2", "172.22.0.9");

        assertThat(state)
                .contains("3 primary 3 pg-2 172.22.0.9 0 0 1 1 40 1 0 0 6 0 0 0 pg-2 5432")
                .contains("4 replicas 3 pg-2 172.22.0.9 0 0 1 1 40 1 0 0 6 0 0 0 pg-2 5432")
                .startsWith(HEADER);
        assertThat(RouterReload.parse(state))
                .filteredOn(s -> s.name().equals("pg-2"))
                .hasSize(2)
                .noneMatch(RouterReload.Server::up);
        assertThat(state.indexOf("primary 3 pg-2")).isLessThan(state.indexOf("4 replicas 1 pg-0"));
    }

    @Test
    void aLeaverIsLeftOut() {
        String state = RouterMembership.without(STATE, "pg-1");

        assertThat(RouterReload.parse(state))
                .extracting(RouterReload.Server::name)
                .containsOnly("pg-0");
        assertThat(state).startsWith(HEADER);
    }
}
