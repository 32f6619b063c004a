package io.pgha.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.cluster.StackCredentials;
import org.junit.jupiter.api.Test;

/** The SQL that gives restored data the new stack's passwords: verifiers only, every role only if it is there. */
class RestoreSeedTest {

    private static final StackCredentials CREDENTIALS = StackCredentials.generate("postgres", "standby", "admin");

    @Test
    void theRestoredRolesGetTheNewStacksPasswordsAsVerifiersOnly() {
        String sql = RestoreSeed.rolesSql(CREDENTIALS);
        assertThat(sql)
                .startsWith("ALTER SYSTEM RESET ALL;\n")
                .contains("rolname = 'postgres'")
                .contains("ALTER ROLE standby PASSWORD 'SCRAM-SHA-256$4096:")
                .contains("rolname = 'admin'");
        for (StackCredentials.Login l :
                new StackCredentials.Login[] {CREDENTIALS.superuser(), CREDENTIALS.replication(), CREDENTIALS.admin()
                }) {
            assertThat(sql).as("no clear-text password of " + l.user()).doesNotContain(l.password());
        }
    }
}
