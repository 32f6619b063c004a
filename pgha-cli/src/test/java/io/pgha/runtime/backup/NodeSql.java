package io.pgha.runtime.backup;

import static io.pgha.runtime.testsupport.ComposeStack.docker;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.testsupport.Cli;
import io.pgha.runtime.testsupport.Commands;
import java.io.IOException;

/** What the backup ITs share: psql as postgres inside a node's container (its socket), and the CLI's --json read. */
final class NodeSql {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeSql() {}

    /** {@code sql} run in {@code stack}'s container of {@code node}, whatever its exit code. */
    static Commands.Result exec(String stack, String node, String sql) {
        return docker(
                "exec",
                stack + "-" + node,
                "psql",
                "-X",
                "-tA",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "/var/run/postgresql",
                "-U",
                "postgres",
                "-c",
                sql);
    }

    /** The output of {@code sql}, which must succeed. */
    static String psql(String stack, String node, String sql) {
        Commands.Result r = exec(stack, node, sql);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r.stdout().strip();
    }

    /** The output of {@code sql}, or null when it fails (a node that is not up yet). */
    static String psqlOrNull(String stack, String node, String sql) {
        Commands.Result r = exec(stack, node, sql);
        return r.exitCode() == 0 ? r.stdout().strip() : null;
    }

    static JsonNode json(Cli.Result r) {
        try {
            return JSON.readTree(r.stdout());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.describe(), e);
        }
    }
}
