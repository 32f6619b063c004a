package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.Version;
import io.pgha.runtime.testsupport.Commands;
import io.pgha.runtime.testsupport.RepoPaths;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** ./pgha console runs the packaged console (its class path, main class and JVM options). */
class PghaConsoleIT {

    @Test
    void theLauncherRunsThePackagedConsole() {
        Commands.Result version = Commands.run(
                Duration.ofMinutes(5), RepoPaths.root().resolve("pgha").toString(), "console", "--version");

        assertThat(version.exitCode()).as(version.describe()).isZero();
        assertThat(version.stdout().strip()).isEqualTo("pgha console " + Version.get());
    }
}
