package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.testsupport.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `pgha console` hands its arguments to the console, found beside the installed pgha; without an installed console it says
 * where to find one.
 */
class ConsoleCommandTest {

    @Test
    void argumentsArePassedOnAndAMissingConsoleIsExplained() {
        Cli.Result r = Cli.run("console", "--version");
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCodes.of(io.pgha.runtime.PghaException.Kind.NOT_FOUND));
        assertThat(r.stderr())
                .contains("the console is not installed beside this pgha")
                .contains("./pgha console");
        assertThat(Cli.run("console", "--help").stdout()).contains("Start the desktop console");
    }

    @Test
    void theInstalledConsoleIsFoundBesideThisLauncher(@TempDir Path usr) throws IOException {
        Path bin = Files.createDirectories(usr.resolve("bin"));
        Path pgha = Files.createFile(
                bin.resolve("pgha"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path console = Files.createFile(
                bin.resolve("pgha-console"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        String before = System.setProperty("jpackage.app-path", pgha.toString());
        try {
            assertThat(ConsoleCommand.launcher())
                    .as("the .deb's layout: /usr/bin/pgha, /usr/lib/pgha/app")
                    .contains(console);
        } finally {
            if (before == null) {
                System.clearProperty("jpackage.app-path");
            } else {
                System.setProperty("jpackage.app-path", before);
            }
        }
    }
}
