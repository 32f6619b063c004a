package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** `pgha chaos` refuses bad input before it looks for a cluster (exit 2, with what is valid). */
class ChaosCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aDurationOutsideThirtySecondsToTwoHoursIsAUsageError() {
        assertThat(run("chaos", "--for", "10s")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--for must be between 30s and 2h");
        assertThat(run("chaos", "--for", "3h")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void unknownFaultsAreAUsageErrorListingTheValidOnes() {
        assertThat(run("chaos", "--for", "2m", "--faults", "kill-primary,meteor"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString())
                .contains("unknown fault 'meteor'")
                .contains("valid faults: kill-primary, stop-primary, crash-postgres, partition-primary,"
                        + " freeze-primary, etcd-minority, etcd-quorum-loss, switchover, kill-router");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void forIsRequired() {
        assertThat(run("chaos")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--for");
    }

    @Test
    void theHelpListsEveryDrillScenarioAsAFault() {
        assertThat(run("chaos", "--help")).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        for (io.pgha.runtime.drill.DrillScenario s : io.pgha.runtime.drill.DrillScenario.values()) {
            assertThat(help).contains(s.cliName());
        }
        assertThat(help).contains("asymmetric-partition").contains("double-failover");
    }
}
