package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.ops.AuditEntry;
import io.pgha.runtime.ops.AuditJournal;
import io.pgha.runtime.ops.OperationResult.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operation commands' parsing and the audit listing, without a cluster to act on. */
class OperationCommandsTest {

    @RegisterExtension
    final IsolatedCli cli = new IsolatedCli();

    @Test
    void helpListsTheOperations() {
        assertThat(cli.run("--help")).isZero();
        assertThat(cli.out.toString())
                .contains(
                        "switchover",
                        "failover",
                        "restart",
                        "reinit",
                        "pause",
                        "resume",
                        "config",
                        "audit",
                        "rest-auth");
    }

    @Test
    void anAssignmentWithoutEqualsIsAUsageError() {
        assertThat(cli.run("config", "set", "loop_wait")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err.toString()).contains("'loop_wait' is not KEY=VALUE");
    }

    @Test
    void keepingAnEtcdMembersVolumeIsAUsageError() {
        assertThat(cli.run("replace", "etcd-2", "--keep-volume", "-c", "none", "--yes"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err.toString()).contains("always deletes it", "without --keep-volume");
    }

    @Test
    void failoverNeedsATarget() {
        assertThat(cli.run("failover")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err.toString()).contains("--to");
    }

    @Test
    void theAuditListsEntriesOldestFirstAndAsJson() throws Exception {
        new ClusterRegistry()
                .save(new ClusterConnection(
                        "lab",
                        "pg-ha",
                        List.of(),
                        Optional.empty(),
                        Map.of(),
                        Optional.empty(),
                        Optional.empty(),
                        ClusterConnection.Origin.ATTACHED));
        AuditJournal journal = new AuditJournal(cli.configDir().resolve("clusters/lab"));
        journal.append(new AuditEntry(
                Instant.parse("2026-05-01T10:00:00Z"),
                "ann",
                "lab",
                "pause",
                "cluster",
                Map.of(),
                Outcome.SUCCEEDED,
                "the cluster is paused",
                List.of(),
                420));
        journal.append(new AuditEntry(
                Instant.parse("2026-05-01T10:05:00Z"),
                "bob",
                "lab",
                "switchover",
                "pg-0",
                Map.of("candidate", "pg-0"),
                Outcome.REFUSED,
                "pg-0 is already the leader",
                List.of(),
                12));

        assertThat(cli.run("audit", "--cluster", "lab")).isZero();
        String text = cli.out.toString();
        assertThat(text).contains("ann").contains("succeeded").contains("0.4 s").contains("pg-0 is already the leader");
        assertThat(text.indexOf("pause")).isLessThan(text.indexOf("switchover"));

        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("audit", "--cluster", "lab", "--json", "--last", "1"))
                .isZero();
        JsonNode entries = new ObjectMapper().readTree(cli.out.toString());
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).path("operation").asText()).isEqualTo("switchover");
        assertThat(entries.get(0).path("at").asText()).isEqualTo("2026-05-01T10:05:00Z");
        assertThat(entries.get(0).path("parameters").path("candidate").asText()).isEqualTo("pg-0");
    }
}
