package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code -c/--cluster NAME} names the cluster for every command, beside a positional NAME where there is one. */
class ClusterOptionTest {

    @RegisterExtension
    final IsolatedCli cli = new IsolatedCli();

    @ParameterizedTest(name = "pgha {0} -c nosuch")
    @CsvSource({"status", "watch", "credentials"})
    void theOptionNamesTheClusterLikeTheArgument(String command) {
        int byOption = cli.run(command, "-c", "nosuch");
        String optionMessage = cli.err.toString();
        cli.err.getBuffer().setLength(0);
        int byArgument = cli.run(command, "nosuch");

        assertThat(optionMessage).doesNotContain("Unknown option").contains("nosuch");
        assertThat(byOption).isNotZero().isNotEqualTo(ExitCodes.USAGE).isEqualTo(byArgument);
        assertThat(cli.err.toString()).isEqualTo(optionMessage);
    }

    @ParameterizedTest(name = "pgha {0} a -c b")
    @CsvSource({"status", "watch", "credentials"})
    void twoDifferentNamesAreRefused(String command) {
        assertThat(cli.run(command, "first", "-c", "second")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err.toString()).contains("two clusters named: first and -c second");
    }

    @ParameterizedTest(name = "pgha {0} --help")
    @CsvSource({"status", "watch", "credentials", "down", "drill", "switchover", "scale"})
    void everyCommandThatNamesAClusterOffersTheOption(String command) {
        assertThat(cli.run(command, "--help")).isZero();
        assertThat(cli.out.toString()).contains("-c, ").contains("--cluster");
    }
}
