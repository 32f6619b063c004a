package io.pgha.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.DockerJavaEngine;
import io.pgha.runtime.stack.FastPaths;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.Monitoring;
import io.pgha.runtime.stack.StackPorts;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.testsupport.TestMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wizard's Cancel on the real engine: a stack whose data volume and credentials exist before (a stack taken down
 * with its data kept, a forgotten cluster) is brought up under the same name, the run is interrupted once it has
 * created its objects, and removing what the run created leaves that volume, with its label, and the credentials.
 * A one-node stack on ports of its own, with the local images, without the supervisor or Prometheus.
 */
class CancelledUpIT {

    private static final String STACK = "guard-it";
    private static final String EXISTING_VOLUME = STACK + "_pg-0-data";
    private static final String MARK = "io.pgha.test.made-before";
    private static Path configDir;
    private static DockerEngine docker;

    @BeforeAll
    static void aStackWhoseDataExists() throws IOException {
        TestMachine.requireDocker();
        configDir = Files.createTempDirectory("pgha-it-cancel");
        docker = DockerJavaEngine.local();
        removeEverything();
        Map<String, String> labels = new HashMap<>(StackLabels.volume(STACK, "postgres-data", "pg-0-data"));
        labels.put(MARK, "1");
        docker.createVolume(EXISTING_VOLUME, labels);
        new CredentialStore(configDir).save(STACK, StackCredentials.generate("postgres", "standby", "admin"));
    }

    @AfterAll
    static void leaveNothing() {
        if (docker != null) {
            removeEverything();
            docker.close();
        }
    }

    /** Everything of the test's own stack, the volume this test made included. */
    private static void removeEverything() {
        try (StackProvisioner p = provisioner()) {
            p.down(STACK, true, e -> {});
        }
    }

    private static StackProvisioner provisioner() {
        return new DockerStackProvisioner(
                DockerJavaEngine.local(), new CredentialStore(configDir), new ClusterRegistry(configDir));
    }

    @Test
    void cancellingRemovesWhatTheRunMadeAndKeepsTheVolumeAndCredentialsThatWereThere() throws Exception {
        StackSpec spec = StackSpec.builder()
                .name(STACK)
                .nodes(1)
                .etcdMembers(1)
                .images(ImageProfile.LOCAL)
                .ports(new StackPorts(25500, 25501, 25504, 25510, 25520, 25530, 25540))
                .fastPaths(FastPaths.DEFAULTS.withSupervisor(false))
                .monitoring(Monitoring.DEFAULTS.withPrometheus(false))
                .build();
        StackCredentials before = new CredentialStore(configDir).get(STACK);
        CreatedByRun made = new CreatedByRun();
        AtomicReference<Thread> runner = new AtomicReference<>();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread up = Thread.ofPlatform().name("cancelled-up").start(() -> {
            try (StackProvisioner p = provisioner()) {
                p.up(
                        spec,
                        e -> {
                            if (e.step().equals("create") && e.status() == ProgressEvent.Status.DONE) {
                                runner.get().interrupt(); // the wizard's Cancel
                            }
                        },
                        made);
            } catch (RuntimeException e) {
                ended.set(e);
            }
        });
        runner.set(up);
        up.join(180_000);
        assertThat(up.isAlive()).as("up stops once cancelled").isFalse();

        assertThat(made.volumes())
                .as("the run created the volumes that were missing, not the one that was there")
                .doesNotContain(EXISTING_VOLUME)
                .isNotEmpty();
        assertThat(made.containers()).isNotEmpty();
        assertThat(made.madeCredentials()).isFalse();

        DownResult result;
        try (StackProvisioner p = provisioner()) {
            result = p.removeCreated(STACK, made, e -> {});
        }

        assertThat(docker.volume(EXISTING_VOLUME))
                .as("the volume that existed before the run")
                .hasValueSatisfying(v -> assertThat(v.labels()).containsEntry(MARK, "1"));
        assertThat(result.kept()).contains("volume " + EXISTING_VOLUME, "the stored credentials");
        assertThat(new CredentialStore(configDir).get(STACK)).isEqualTo(before);
        assertThat(docker.containers(StackLabels.of(STACK)))
                .as("containers of the stack")
                .isEmpty();
        assertThat(docker.network(STACK)).as("the network the run made").isEmpty();
        made.volumes()
                .forEach(v -> assertThat(docker.volume(v)).as("volume " + v).isEmpty());
        assertThat(result.removed()).contains("network " + STACK);
    }
}
