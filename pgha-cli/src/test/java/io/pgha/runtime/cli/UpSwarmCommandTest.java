package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgha up --swarm}'s refusals before anything is made (docs/decisions/0043); the deploy is TestHostsIT's. */
class UpSwarmCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path config;

    private String previous;

    @BeforeEach
    void ownConfigDir() {
        previous = System.getProperty("pgha.config.dir");
        System.setProperty("pgha.config.dir", config.toString());
    }

    @AfterEach
    void restore() {
        if (previous == null) {
            System.clearProperty("pgha.config.dir");
        } else {
            System.setProperty("pgha.config.dir", previous);
        }
    }

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void hostsOrAddressesWithoutSwarmAreRefused() {
        assertThat(run("up", "--name", "sw", "--hosts", "a,b,c")).isNotZero();
        assertThat(err.toString()).contains("--hosts places a stack on a Swarm: use it with --swarm ENDPOINT");
        assertThat(run("up", "--name", "sw", "--addresses", "10.0.0.1,10.0.0.2,10.0.0.3"))
                .isNotZero();
        assertThat(err.toString()).contains("--addresses places a stack on a Swarm");
        assertThat(config.resolve("clusters")).doesNotExist();
    }

    @Test
    void anEndpointWithNoEngineSaysWhichAndRegistersNothing() {
        Path socket = config.resolve("none/docker.sock");
        assertThat(run("up", "--name", "sw", "--images", "local", "--swarm", "unix://" + socket))
                .isNotZero();
        assertThat(err.toString()).contains("Swarm manager unix://" + socket);
        assertThat(Files.exists(config.resolve("clusters/sw")))
                .as("nothing registered")
                .isFalse();
    }

    @Test
    void theOfficialImagesAreRefusedOnASwarm() {
        Path socket = config.resolve("none/docker.sock");
        assertThat(run("up", "--name", "sw", "--images", "official", "--swarm", "unix://" + socket))
                .isNotZero();
        assertThat(err.toString()).contains("a Swarm stack runs the local images");
    }
}
