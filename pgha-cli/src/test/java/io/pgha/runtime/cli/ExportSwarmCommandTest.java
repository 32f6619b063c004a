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

/** {@code pgha export-compose --swarm} (docs/decisions/0028): the files a stack deploy reads, and its refusals. */
class ExportSwarmCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void writesTheStackFileItsSecretsPrivateAndKeepsThemWhenExportedAgain(@TempDir Path dir) throws IOException {
        assertThat(run("export-compose", "--swarm", "--images", "local", "--name", "sw", "--out", dir.toString()))
                .as(err.toString())
                .isZero();
        assertThat(out.toString())
                .contains("docker node update --label-add io.pgha.slot=N NODE (N = 1..3)")
                .contains("docker stack deploy -c stack.yml sw");
        String stack = Files.readString(dir.resolve("stack.yml"));
        assertThat(stack).contains("node.labels.io.pgha.slot == 1", "file: ./secrets/superuser-password");
        Path password = dir.resolve("secrets/superuser-password");
        String first = Files.readString(password);
        assertThat(first).hasSizeGreaterThanOrEqualTo(16);
        assertThat(stack).as("no password in the stack file").doesNotContain(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("secrets/router-users"))).contains("password $6$");
        assertThat(dir.resolve("tls/pg-2/server.key")).exists();

        assertThat(run("export-compose", "--swarm", "--images", "local", "--name", "sw", "--out", dir.toString()))
                .isZero();
        assertThat(Files.readString(password))
                .as("exporting again keeps the passwords")
                .isEqualTo(first);
    }

    @Test
    void refusesWhatASwarmStackCannotBe() {
        assertThat(run("export-compose", "--swarm", "--images", "local")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("give --out DIR");
        assertThat(run("export-compose", "--swarm", "--images", "official", "--out", "/nonexistent/x"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--images local");
        assertThat(run("export-compose", "--hosts", "a,b,c")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("use it with --swarm");
        assertThat(out.toString()).isEmpty();
    }
}
