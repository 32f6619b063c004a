package io.pgha.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.postgres.PgLogin;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresPollTest {

    @Test
    void readinessProbeNamesTheStoredLoginsRoleAndDatabase() {
        List<String> command =
                PostgresPoll.readinessCommand(Optional.of(new PgLogin("admin", "secret", "postgres")), 3);

        assertThat(command).containsExactly("pg_isready", "-U", "admin", "-d", "postgres", "-t", "3", "-p", "5432");
        assertThat(String.join(" ", command)).doesNotContain("secret");
    }

    @Test
    void withoutAStoredLoginTheProbeUsesTheContainersSuperuserNeverTheExecUser() {
        List<String> command = PostgresPoll.readinessCommand(Optional.empty(), 2);

        assertThat(command).startsWith("sh", "-c");
        assertThat(command.get(2))
                .isEqualTo("exec pg_isready -U \"${PGUSER_SUPERUSER:-postgres}\" -d postgres -t 2 -p 5432");
    }
}
