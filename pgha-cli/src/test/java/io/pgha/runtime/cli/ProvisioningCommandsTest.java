package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the provisioning commands do before they reach Docker: bad input and refusals, and export-compose. */
class ProvisioningCommandsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void badSpecFlagsAreUsageErrorsThatSayWhy() {
        assertThat(run("up", "--nodes", "9")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("pgha: a stack has 1 to 7 PostgreSQL nodes, not 9");
        assertThat(run("up", "--ttl", "20", "--retry-timeout", "10")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("loop_wait + 2·retry_timeout <= ttl");
        assertThat(run("up", "--images", "cloud")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown image profile 'cloud'");
    }

    @Test
    void aBindBeyondLoopbackNeedsExposeAndSaysSo() {
        assertThat(run("up", "--bind", "0.0.0.0")).isEqualTo(ExitCodes.REFUSED);
        assertThat(err.toString())
                .contains("bind address 0.0.0.0 is not this machine's loopback")
                .contains("add --expose");
        assertThat(run("export-compose", "--bind", "192.168.1.20")).isEqualTo(ExitCodes.REFUSED);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void exposePermitsTheAddressAndNothingElse() {
        assertThat(run("export-compose", "--bind", "0.0.0.0", "--expose")).isZero();
        String exposed = out.toString();
        out.getBuffer().setLength(0);
        assertThat(run("export-compose")).isZero();
        assertThat(exposed).contains("\"0.0.0.0:5000:5000\"");
        assertThat(exposed)
                .as("the compose file differs only in the published address")
                .isEqualTo(out.toString()
                        .replace("\"127.0.0.1:", "\"0.0.0.0:")
                        .replace("from the default StackSpec", "from a StackSpec"));
    }

    @Test
    void scaleNamesTheClusterWithDashCLikeUpgradeAndReplace() {
        for (String command : new String[] {"scale", "upgrade", "replace"}) {
            out.getBuffer().setLength(0);
            assertThat(run(command, "--help")).isZero();
            assertThat(out.toString())
                    .as(command + "'s help")
                    .contains("-c, --cluster=NAME")
                    .doesNotContain("--name");
        }
    }

    @Test
    void scaleStillTakesTheDeprecatedNameOption() {
        assertThat(scale("-c", "shop", "--nodes", "4").stack()).isEqualTo("shop");
        assertThat(scale("--cluster", "shop", "--nodes", "4").stack()).isEqualTo("shop");
        assertThat(scale("--name", "shop", "--nodes", "4").stack()).isEqualTo("shop");
        assertThat(scale("--name", "shop", "-c", "shop", "--nodes", "4").stack())
                .isEqualTo("shop");
    }

    @Test
    void scaleRefusesTwoDifferentClusterNames() {
        assertThat(run("scale", "-c", "shop", "--name", "pg-ha", "--nodes", "4", "--dry-run"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString())
                .contains("-c shop and --name pg-ha name different clusters: name it once, with -c NAME");
        assertThat(out.toString()).isEmpty();
    }

    private static ScaleCommand scale(String... args) {
        ScaleCommand command = new ScaleCommand();
        new picocli.CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void deletingDataWithoutATerminalNeedsYes() {
        assertThat(run("down", "--volumes")).isEqualTo(ExitCodes.REFUSED);
        assertThat(err.toString())
                .contains("deletes the data of stack pg-ha for good")
                .contains("add --yes");
    }

    @Test
    void exportComposeWritesAProjectWithPrivateCredentials(@TempDir Path dir) throws IOException {
        assertThat(run("export-compose", "--name", "shop", "--nodes", "2", "--out", dir.toString()))
                .isZero();
        assertThat(Files.readString(dir.resolve("docker-compose.yml")))
                .contains("name: shop", "container_name: shop-pg-1")
                .doesNotContain("pg-2");
        assertThat(Files.readString(dir.resolve("haproxy/haproxy.cfg")))
                .contains("server pg-1 pg-1:5432")
                .doesNotContain("pg-2");
        Path env = dir.resolve(".env.postgres");
        assertThat(Files.readString(env)).containsPattern("PGPASSWORD_SUPERUSER=[A-Za-z0-9]{32}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env)))
                .isEqualTo("rw-------");
        String before = Files.readString(env);
        assertThat(run("export-compose", "--name", "shop", "--out", dir.toString()))
                .isZero();
        assertThat(Files.readString(env))
                .as("an existing .env.postgres is kept")
                .isEqualTo(before);
    }

    @Test
    void aSpecFilesPrometheusPortIsKeptAndTheFlagOverridesIt(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("spec.yml");
        Files.writeString(spec, "name: shop\nports: {prometheus: 29090}\n");
        assertThat(run("export-compose", "--spec", spec.toString())).isZero();
        assertThat(out.toString()).contains("\"127.0.0.1:29090:9090\"").doesNotContain(":9090:9090");
        out.getBuffer().setLength(0);
        assertThat(run("export-compose", "--spec", spec.toString(), "--prometheus-port", "29091"))
                .isZero();
        assertThat(out.toString()).contains("\"127.0.0.1:29091:9090\"");
    }

    @Test
    void exportComposeWithoutOutPrintsTheComposeFile() {
        assertThat(run("export-compose")).isZero();
        assertThat(out.toString()).startsWith("# The pgha stack").contains("name: pg-ha");
    }
}
