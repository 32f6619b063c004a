package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.testsupport.Cli;
import org.junit.jupiter.api.Test;

/** `pgha console` hands its arguments to the console; without an installed console it says where to find one. */
class ConsoleCommandTest {

    @Test
    void argumentsArePassedOnAndAMissingConsoleIsExplained() {
        Cli.Result r = Cli.run("console", "--version");
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCodes.of(io.pgha.runtime.PghaException.Kind.NOT_FOUND));
        assertThat(r.stderr()).contains("the console is not installed beside this pgha").contains("./pgha console");
        assertThat(Cli.run("console", "--help").stdout()).contains("Start the desktop console");
    }
}
