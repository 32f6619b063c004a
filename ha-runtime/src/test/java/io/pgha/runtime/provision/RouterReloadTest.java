package io.pgha.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The server-state dump a CA rotation hands HAProxy's new process, and when that process has checked every server. */
class RouterReloadTest {

    private static final String HEADER = "1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state"
            + " srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health"
            + " srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl"
            + " srv_check_port srv_check_addr srv_agent_addr srv_agent_port\n";

    /** What HAProxy 3.0 answers for a stack led by pg-1 (primary: pg-1 up; replicas: pg-0 and pg-2 up). */
    private static String dump(int... results) {
        String[][] rows = {
            {"3", "primary", "1", "pg-0", "0"},
            {"3", "primary", "2", "pg-1", "2"},
            {"3", "primary", "3", "pg-2", "0"},
            {"4", "replicas", "1", "pg-0", "2"},
            {"4", "replicas", "2", "pg-1", "0"},
            {"4", "replicas", "3", "pg-2", "2"}
        };
        StringBuilder s = new StringBuilder(HEADER);
        for (int i = 0; i < rows.length; i++) {
            String[] r = rows[i];
            int status = results[i] == 0 ? 1 : 15;
            s.append(r[0])
                    .append(' ')
                    .append(r[1])
                    .append(' ')
                    .append(r[2])
                    .append(' ')
                    .append(r[3])
                    .append(" 172.20.0.")
                    .append(i + 2)
                    .append(' ')
                    .append(r[4])
                    .append(" 0 1 1 42 ")
                    .append(status)
                    .append(' ')
                    .append(results[i])
                    .append(" 3 6 0 0 0 ")
                    .append(r[3])
                    .append(" 5432 - 0 8008 - - 0\n");
        }
        return s.append('\n').toString();
    }

    @Test
    void theStateFileKeepsWhoIsUpAndForgetsTheChecks() {
        String file = RouterReload.forReload(dump(2, 3, 2, 3, 2, 3));

        assertThat(file).startsWith(HEADER);
        List<RouterReload.Server> servers = RouterReload.parse(file);
        assertThat(servers).hasSize(6);
        assertThat(servers)
                .allSatisfy(s -> assertThat(s.checkResult()).isEqualTo(RouterReload.RESULT_UNKNOWN))
                .allSatisfy(s -> assertThat(s.checkStatus()).isEqualTo(RouterReload.STATUS_INI));
        assertThat(servers.stream().filter(RouterReload.Server::up).map(s -> s.backend() + "/" + s.name()))
                .containsExactly("primary/pg-1", "replicas/pg-0", "replicas/pg-2");
        assertThat(file).contains("3 primary 2 pg-1 172.20.0.3 2 0 1 1 42 1 0 3 6 0 0 0 pg-1 5432 - 0 8008 - - 0");
        assertThat(RouterReload.pending(servers))
                .hasValueSatisfying(p -> assertThat(p).startsWith("not checked yet: primary/pg-0"));
    }

    @Test
    void doneOnceEveryServerIsCheckedAndEveryNodePassesSomewhere() {
        assertThat(RouterReload.pending(RouterReload.parse(dump(2, 3, 2, 3, 2, 3))))
                .isEmpty();
        assertThat(RouterReload.describe(RouterReload.parse(dump(2, 3, 2, 3, 2, 3))))
                .isEqualTo("pg-1 up in primary; pg-0, pg-2 up in replicas");

        assertThat(RouterReload.pending(RouterReload.parse(dump(2, 3, 2, 3, 0, 3))))
                .hasValue("not checked yet: replicas/pg-1");
        assertThat(RouterReload.pending(RouterReload.parse(dump(2, 3, 2, 2, 2, 3))))
                .hasValueSatisfying(p -> assertThat(p).startsWith("no check passes for pg-0"));
        assertThat(RouterReload.pending(List.of())).hasValue("HAProxy lists no server");
    }

    @Test
    void theProcessIdOfShowInfo() {
        assertThat(RouterReload.pid("Name: HAProxy\nVersion: 3.0.11\nPid: 57\nUptime: 0d 0h00m03s\n"))
                .hasValue("57");
        assertThat(RouterReload.pid("Unknown command\n")).isEmpty();
    }

    @Test
    void theRuntimeApiIsAskedOverItsUnixSocketWithoutAShell() {
        assertThat(RouterReload.ask("show info"))
                .startsWith("python3", "-c")
                .endsWith("/var/lib/haproxy/admin.sock", "show info");
        assertThat(RouterReload.writeStateFile("1\n")).endsWith("1\n", "/var/lib/haproxy/server-state");
    }
}
