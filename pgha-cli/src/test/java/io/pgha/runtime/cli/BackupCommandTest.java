package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `pgha backup` does before it reaches Docker: bad input, and the spec flag that turns backups off. */
class BackupCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void anUnknownTypeIsAUsageErrorThatNamesTheKnownOnes() {
        assertThat(run("backup", "now", "--type", "weekly")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("backup type 'weekly' is not one of full, diff, incr");
    }

    @Test
    void withoutASubcommandItShowsItsUsage() {
        assertThat(run("backup")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("now").contains("list").contains("check");
    }

    @Test
    void noBackupsTurnsThemOffInTheExportedSpec(@TempDir Path dir) throws IOException {
        assertThat(run("export-compose", "--images", "local", "--no-backups", "--out", dir.toString()))
                .as(err.toString())
                .isZero();
        assertThat(Files.readString(dir.resolve("docker-compose.yml"))).doesNotContain("pgbackrest");
        assertThat(run(
                        "export-compose",
                        "--images",
                        "local",
                        "--out",
                        dir.resolve("on").toString()))
                .as(err.toString())
                .isZero();
        assertThat(Files.readString(dir.resolve("on/docker-compose.yml")))
                .contains("pgbackrest")
                .contains("backups:");
        assertThat(dir.resolve("on/pgbackrest/pgbackrest.conf")).exists();
    }
}
