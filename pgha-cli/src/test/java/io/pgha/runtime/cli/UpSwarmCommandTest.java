package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code pgha up --swarm}'s refusals before anything is made (docs/decisions/0043); the deploy is TestHostsIT's. */
class UpSwarmCommandTest {

    @RegisterExtension
    final IsolatedCli cli = new IsolatedCli();

    @BeforeEach
    void ownConfigDir() {
        config = cli.configDir();
    }

    private Path config;

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void hostsOrAddressesWithoutSwarmAreRefused() {
        assertThat(run("up", "--name", "sw", "--hosts", "a,b,c")).isNotZero();
        assertThat(cli.err.toString()).contains("--hosts places a stack on a Swarm: use it with --swarm ENDPOINT");
        assertThat(run("up", "--name", "sw", "--addresses", "10.0.0.1,10.0.0.2,10.0.0.3"))
                .isNotZero();
        assertThat(cli.err.toString()).contains("--addresses places a stack on a Swarm");
        assertThat(config.resolve("clusters")).doesNotExist();
    }

    @Test
    void anEndpointWithNoEngineSaysWhichAndRegistersNothing() {
        Path socket = config.resolve("none/docker.sock");
        assertThat(run("up", "--name", "sw", "--images", "local", "--swarm", "unix://" + socket))
                .isNotZero();
        assertThat(cli.err.toString()).contains("Swarm manager unix://" + socket);
        assertThat(Files.exists(config.resolve("clusters/sw")))
                .as("nothing registered")
                .isFalse();
    }

    @Test
    void theOfficialImagesAreRefusedOnASwarm() {
        Path socket = config.resolve("none/docker.sock");
        assertThat(run("up", "--name", "sw", "--images", "official", "--swarm", "unix://" + socket))
                .isNotZero();
        assertThat(cli.err.toString()).contains("a Swarm stack runs the local images");
    }
}
