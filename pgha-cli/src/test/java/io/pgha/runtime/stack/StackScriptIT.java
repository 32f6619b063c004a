package io.pgha.runtime.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.testsupport.Commands;
import io.pgha.runtime.testsupport.RepoPaths;
import io.pgha.runtime.testsupport.TestMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when the stack cannot start: a clear message, a non-zero exit, nothing half-built. Here, not in
 * ha-runtime: stack.sh builds the local images that are missing, the supervisor's from this module's jars.
 */
class StackScriptIT {

    @BeforeAll
    static void docker() {
        TestMachine.requireDockerWithLocalImages();
    }

    @Test
    void missingCredentialsFileIsNamedWithHowToFixIt(@TempDir Path tmp) throws IOException {
        Path stack = copyStackWithout(tmp, ".env.postgres");

        Commands.Result script =
                Commands.run(Duration.ofMinutes(1), stack.resolve("stack.sh").toString(), "up", "--local");
        assertThat(script.exitCode()).isNotZero();
        assertThat(script.stderr()).contains(".env.postgres is missing").contains("git checkout stack/.env.postgres");

        Commands.Result compose = Commands.run(
                Duration.ofMinutes(1),
                "docker",
                "compose",
                "--env-file",
                stack.resolve("local.env").toString(),
                "-f",
                stack.resolve("docker-compose.yml").toString(),
                "config",
                "-q");
        assertThat(compose.exitCode()).as("plain docker compose refuses too").isNotZero();
        assertThat(compose.stderr()).contains(".env.postgres");
    }

    @Test
    void missingImageSaysHowToBuildIt(@TempDir Path tmp) throws IOException {
        Path env = tmp.resolve("missing.env");
        Files.writeString(
                env,
                Files.readString(RepoPaths.localEnv())
                        .replaceAll("(?m)^SPILO_IMAGE=.*$", "SPILO_IMAGE=pgha/no-such-image:local"));
        Commands.Result r = Commands.run(
                Duration.ofMinutes(1),
                null,
                Map.of(),
                RepoPaths.stackDir().resolve("stack.sh").toString(),
                "up",
                "--env-file",
                env.toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr())
                .contains("image pgha/no-such-image:local is not on this machine")
                .contains("build-local.sh");
        Commands.Result created = Commands.run(
                Duration.ofSeconds(30), "docker", "ps", "-a", "--filter", "ancestor=pgha/no-such-image:local", "-q");
        assertThat(created.stdout()).as("no container was created").isBlank();
    }

    private static Path copyStackWithout(Path tmp, String omitted) throws IOException {
        Path target = tmp.resolve("stack");
        Path source = RepoPaths.stackDir();
        try (var files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path rel = source.relativize(p);
                if (rel.toString().equals(omitted) || rel.startsWith("images")) {
                    continue;
                }
                Path dest = target.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }
}
