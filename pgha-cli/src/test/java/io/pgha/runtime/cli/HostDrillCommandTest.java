package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code pgha drill host-down | host-partition}'s refusals before anything is touched (docs/decisions/0045); the drill
 * itself runs in TestHostsIT.
 */
class HostDrillCommandTest {

    @RegisterExtension
    final IsolatedCli cli = new IsolatedCli();

    @BeforeEach
    void ownConfigDirWithASingleEngineCluster() {
        new ClusterRegistry()
                .save(new ClusterConnection(
                        "lab",
                        "pg-ha",
                        List.of("http://127.0.0.1:1"),
                        Optional.empty(),
                        Map.of("pg-0", "http://127.0.0.1:2"),
                        Optional.of(new ClusterConnection.RouterEndpoints("127.0.0.1", 3, 4, "http://127.0.0.1:5")),
                        Optional.of("lab"),
                        ClusterConnection.Origin.PROVISIONED));
    }

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void aClusterOnOneEngineIsRefusedWithWhatToDo() {
        for (String drill : List.of("host-down", "host-partition")) {
            assertThat(run("drill", drill, "--runs", "1", "--json", "-c", "lab"))
                    .as(drill)
                    .isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err.toString())
                    .contains("drill " + drill + " needs a cluster placed across hosts by pgha up --swarm")
                    .contains("lab runs on one Docker engine")
                    .contains("pgha drill kill-primary -c lab");
            assertThat(cli.out.toString())
                    .as("no JSON for a drill that did not run")
                    .isEmpty();
        }
    }

    @Test
    void theHostDrillsAreListedAndTheirRunsBounded() {
        assertThat(run("drill", "--help")).isZero();
        assertThat(cli.out.toString()).contains("host-down", "host-partition");
        assertThat(run("drill", "host-down", "--runs", "0", "-c", "lab")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err.toString()).contains("--runs must be between 1 and 20");
    }
}
