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

    @Test
    void inPlaceEveryDataVolumeIsMovedAsideNotDeletedAndTheDataDirectoryIsEmpty() {
        String script = RestoreSeed.setAsideScript("1765000000");
        assertThat(script)
                .contains("for d in /home/postgres/pgdata /home/postgres/aside/*; do")
                .contains("a=\"$d/.pgha-before-restore-1765000000\"")
                .contains("! -name '.pgha-before-restore-*' -exec mv -t \"$a\" {} +")
                .contains("mkdir -p /home/postgres/pgdata/pgroot/data")
                .doesNotContain("rm ");
        assertThat(String.join(" ", RestoreSeed.dropSetAside()))
                .isEqualTo("sh -c rm -rf /home/postgres/pgdata/.pgha-before-restore-*");
    }

    @Test
    void theNewTimelinesHistoryFileIsMarkedReadyForTheArchive() {
        assertThat(io.pgha.runtime.backup.PgBackRestRestore.stopScript())
                .contains("pg_wal/*.history")
                .contains("[ -e \"$s.done\" ] || [ -e \"$s.ready\" ] || touch \"$s.ready\"");
    }
}
