package io.pgha.runtime.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.Version;
import io.pgha.runtime.testsupport.Commands;
import io.pgha.runtime.testsupport.RepoPaths;
import io.pgha.runtime.testsupport.TestMachine;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed compose file builds the supervisor's image itself (its build section: the Maven wrapper in a JDK image, the
 * jars on a JRE image), so that `docker compose up -d` works with a registry as the seed promises. No registry is reachable
 * here, so the same build section is built with the JDK and JRE images made from Debian packages (local.env's).
 */
class SupervisorImageIT {

    private static final String TEST_TAG = "pgha/supervisor:compose-build-test";

    @Test
    void composeBuildsTheSupervisorFromTheSources() throws Exception {
        TestMachine.requireDocker();
        String compose = RepoPaths.composeFile().toString();
        JsonNode official = new ObjectMapper()
                .readTree(Commands.runOk(
                                Duration.ofMinutes(1), "docker", "compose", "-f", compose, "config", "--format", "json")
                        .stdout())
                .path("services")
                .path("pg-supervisor");
        assertThat(official.path("build").path("context").asText())
                .isEqualTo(RepoPaths.root().toString());
        assertThat(official.path("build").path("dockerfile").asText()).isEqualTo("stack/images/supervisor/Dockerfile");
        assertThat(official.path("build").path("args").path("JDK_IMAGE").asText())
                .isEqualTo(StackImages.SUPERVISOR_JDK);
        assertThat(official.path("build").path("args").path("JRE_IMAGE").asText())
                .isEqualTo(StackImages.SUPERVISOR_JRE);
        assertThat(official.path("pull_policy").asText())
                .as("never pulled: built")
                .isEqualTo("never");

        Commands.runOk(
                Duration.ofMinutes(15),
                RepoPaths.stackDir().resolve("images/build-local.sh").toString(),
                "--java-images");
        try {
            Commands.Result build = Commands.run(
                    Duration.ofMinutes(20),
                    RepoPaths.root(),
                    Map.of("SUPERVISOR_IMAGE", TEST_TAG),
                    "docker",
                    "compose",
                    "--env-file",
                    RepoPaths.localEnv().toString(),
                    "-f",
                    compose,
                    "build",
                    "pg-supervisor");
            assertThat(build.exitCode()).as(build.describe()).isZero();
            Commands.Result version =
                    Commands.runOk(Duration.ofMinutes(1), "docker", "run", "--rm", TEST_TAG, "--version");
            assertThat(version.stdout()).startsWith("pgha " + Version.get());
            Commands.Result help =
                    Commands.runOk(Duration.ofMinutes(1), "docker", "run", "--rm", TEST_TAG, "supervise", "--help");
            assertThat(help.stdout()).contains("--alive-file");
        } finally {
            Commands.run(Duration.ofMinutes(1), "docker", "rmi", "-f", TEST_TAG);
        }
    }
}
