package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.Version;
import io.pgha.runtime.testsupport.Commands;
import io.pgha.runtime.testsupport.RepoPaths;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ./pgha launcher at the repository root runs the packaged CLI ({@code pgha console}: console-e2e's PghaConsoleIT). */
class PghaLauncherIT {

    private static Commands.Result pgha(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = RepoPaths.root().resolve("pgha").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        return Commands.run(Duration.ofMinutes(5), command);
    }

    @Test
    void versionAndHelp() {
        Commands.Result version = pgha("--version");
        assertThat(version.exitCode()).as(version.describe()).isZero();
        assertThat(version.stdout()).startsWith("pgha " + Version.get());
        Commands.Result help = pgha("--help");
        assertThat(help.stdout()).contains("up", "down", "credentials", "export-compose");
    }

    @Test
    void exportedComposeProjectIsValidForDockerCompose(@TempDir Path dir) {
        Commands.Result export = pgha(
                "export-compose",
                "--name",
                "shop",
                "--nodes",
                "5",
                "--etcd-members",
                "5",
                "--images",
                "local",
                "--write-port",
                "15000",
                "--read-port",
                "15001",
                "--out",
                dir.toString());
        assertThat(export.exitCode()).as(export.describe()).isZero();
        Commands.Result config = Commands.run(
                Duration.ofMinutes(1),
                "docker",
                "compose",
                "-f",
                dir.resolve("docker-compose.yml").toString(),
                "config",
                "--services");
        assertThat(config.exitCode()).as(config.describe()).isZero();
        assertThat(config.stdout().lines()).contains("etcd-5", "pg-4", "pg-4-exporter", "pg-router");
        Commands.Result images = Commands.run(
                Duration.ofMinutes(1),
                "docker",
                "compose",
                "-f",
                dir.resolve("docker-compose.yml").toString(),
                "config",
                "--images");
        assertThat(images.stdout()).contains("pgha/spilo-17:local");
    }
}
