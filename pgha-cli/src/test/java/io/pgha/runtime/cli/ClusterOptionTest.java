package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code -c/--cluster NAME} names the cluster for every command, beside a positional NAME where there is one. */
class ClusterOptionTest {

    @TempDir
    Path configDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void useATemporaryConfigDirectory() {
        System.setProperty("pgha.config.dir", configDir.toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("pgha.config.dir");
    }

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @ParameterizedTest(name = "pgha {0} -c nosuch")
    @CsvSource({"status", "watch", "credentials"})
    void theOptionNamesTheClusterLikeTheArgument(String command) {
        int byOption = run(command, "-c", "nosuch");
        String optionMessage = err.toString();
        err.getBuffer().setLength(0);
        int byArgument = run(command, "nosuch");

        assertThat(optionMessage).doesNotContain("Unknown option").contains("nosuch");
        assertThat(byOption).isNotZero().isNotEqualTo(ExitCodes.USAGE).isEqualTo(byArgument);
        assertThat(err.toString()).isEqualTo(optionMessage);
    }

    @ParameterizedTest(name = "pgha {0} a -c b")
    @CsvSource({"status", "watch", "credentials"})
    void twoDifferentNamesAreRefused(String command) {
        assertThat(run(command, "first", "-c", "second")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("two clusters named: first and -c second");
    }

    @ParameterizedTest(name = "pgha {0} --help")
    @CsvSource({"status", "watch", "credentials", "down", "drill", "switchover", "scale"})
    void everyCommandThatNamesAClusterOffersTheOption(String command) {
        assertThat(run(command, "--help")).isZero();
        assertThat(out.toString()).contains("-c, ").contains("--cluster");
    }
}
