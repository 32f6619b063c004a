package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What `pgha restore` refuses before it reaches Docker: no target, two targets, a time without a zone, --name. */
class RestoreCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aTimeWithoutAZoneIsAUsageError() {
        assertThat(run("restore", "--into", "copy", "--to", "2026-12-04T20:01:02"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("not an ISO-8601 time with a zone");
    }

    @Test
    void exactlyOneTargetIsAsked() {
        assertThat(run("restore", "--into", "copy")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("exactly one of --to TIME, --latest or --backup ID");
        assertThat(run("restore", "--into", "copy", "--latest", "--backup", "20261205-081000F"))
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void theNewNameIsIntosAndIntoIsRequired() {
        assertThat(run("restore", "--latest")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--into");
        assertThat(run("restore", "--into", "copy", "--name", "other", "--latest"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("leave --name out");
    }

    @Test
    void intoOrInPlaceExactlyOne() {
        assertThat(run("restore", "--into", "copy", "--in-place", "--latest", "--yes"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("exactly one of --into NEW (a new stack) or --in-place");
        assertThat(run("restore", "--in-place", "--name", "other", "--latest", "--yes"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("keeps the stack's own spec");
    }

    @Test
    void rollBackTakesNoTargetAndAsksForYes() {
        assertThat(run("restore", "--roll-back", "1765000000", "--in-place", "--yes"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("leave --into, --in-place, --to, --latest and --backup out");
        assertThat(run("restore", "--roll-back", "1765000000")).isEqualTo(ExitCodes.REFUSED);
        assertThat(err.toString()).contains(".pgha-before-restore-1765000000").contains("add --yes");
    }
}
