package io.pgha.runtime.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which Swarm nodes the test hosts' port can stop (docs/decisions/0045), and a member's role from psql's answer. */
class TestHostFaultsTest {

    private static TestHostFaults.TestHost host(String name) {
        return new TestHostFaults.TestHost(
                name, name, "th-net", "192.168.231.11", "unix:///tmp/th/" + name + "/docker.sock");
    }

    @Test
    void eachNodeIsTheTestHostOfItsHostname() {
        var hosts = TestHostFaults.match(
                List.of("th-1", "th-2", "th-3"), List.of(host("th-3"), host("other-1"), host("th-1"), host("th-2")));
        assertThat(hosts.keySet()).containsExactly("th-1", "th-2", "th-3");
        assertThat(hosts.get("th-2").container()).isEqualTo("th-2");
    }

    @Test
    void aNodeThatIsNoTestHostIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> TestHostFaults.match(List.of("th-1", "db-east", "db-west"), List.of(host("th-1"))))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("Swarm node(s) db-east, db-west are not among them")
                .hasMessageContaining("a fence or power hook")
                .hasMessageContaining("scripts/test-hosts.sh up 3")
                .extracting(e -> ((PghaException) e).kind())
                .isEqualTo(PghaException.Kind.INVALID_INPUT);
    }

    @Test
    void aTestHostWithoutItsEngineSocketIsRefused() {
        var noSocket = new TestHostFaults.TestHost("th-1", "th-1", "th-net", "192.168.231.11", "");
        assertThatThrownBy(() -> TestHostFaults.match(List.of("th-1"), List.of(noSocket)))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("has no engine socket mounted at /pgha-th");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "t|WRITABLE",
                "' t '|WRITABLE",
                "f|READ_ONLY",
                "psql: error: connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\" failed|NOT_ANSWERING",
                "''|UNREACHABLE",
                "OCI runtime exec failed|UNREACHABLE"
            })
    void psqlsAnswerIsARole(String output, HostRole role) {
        assertThat(HostRole.ofPsql(output)).isEqualTo(role);
    }
}
