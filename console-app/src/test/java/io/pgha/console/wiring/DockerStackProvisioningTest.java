package io.pgha.console.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pgha.console.service.NewClusterRequest;
import io.pgha.console.service.ProvisioningEvent;
import io.pgha.console.service.ProvisioningRun;
import io.pgha.console.service.SpecProblem;
import io.pgha.console.testing.SampleCluster;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.provision.CreatedByRun;
import io.pgha.runtime.provision.DownResult;
import io.pgha.runtime.provision.ProgressEvent;
import io.pgha.runtime.provision.ProgressListener;
import io.pgha.runtime.provision.StackProvisioner;
import io.pgha.runtime.provision.UpResult;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's request becomes the runtime's spec, its progress the wizard's steps, cancel a clean-up. */
class DockerStackProvisioningTest {

    @TempDir
    Path config;

    private final List<ProvisioningEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> downs = new CopyOnWriteArrayList<>();
    private final List<CreatedByRun> ups = new CopyOnWriteArrayList<>();
    private final List<CreatedByRun> removed = new CopyOnWriteArrayList<>();

    @Test
    void theProposedSpecTakesNoKnownClustersNameAndNoPortInUseOrKnown() {
        ClusterRegistry registry = new ClusterRegistry(config);
        registry.save(SampleCluster.connection("pg-ha"));
        DockerStackProvisioning provisioning =
                new DockerStackProvisioning(registry, BlockingUp::new, (a, p) -> p != 5010);

        NewClusterRequest proposed = provisioning.defaults();

        assertThat(proposed.name()).isEqualTo("pg-ha-2");
        assertThat(proposed.ports())
                .as("5000… and 8008… belong to pg-ha, 5010 is in use")
                .isEqualTo(new NewClusterRequest.Ports(5020, 5021, 8424, 8028, 23811, 9207, 9110));
        registry.save(SampleCluster.connection("pg-ha-2"));
        assertThat(provisioning.defaults().name()).isEqualTo("pg-ha-3");
    }

    @Test
    void theDefaultsAreTheRuntimesDefaultSpec() {
        DockerStackProvisioning provisioning =
                new DockerStackProvisioning(new ClusterRegistry(config), BlockingUp::new, (a, p) -> true);

        NewClusterRequest defaults = provisioning.defaults();

        assertThat(DockerStackProvisioning.spec(defaults)).isEqualTo(StackSpec.defaults());
        assertThat(DockerStackProvisioning.spec(new NewClusterRequest(
                                "billing", 5, 5, "local", "127.0.0.1", false, defaults.ports(), defaults.timing()))
                        .images())
                .isEqualTo(ImageProfile.LOCAL);
    }

    @Test
    void aBindBeyondLoopbackIsAProblemUntilExposeIsAskedAndStartRefusesIt() {
        DockerStackProvisioning provisioning =
                new DockerStackProvisioning(new ClusterRegistry(config), BlockingUp::new, (a, p) -> true);
        NewClusterRequest d = provisioning.defaults();
        NewClusterRequest open = new NewClusterRequest(d.name(), 3, 3, "auto", "0.0.0.0", false, d.ports(), d.timing());

        assertThat(provisioning.check(open)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo(SpecProblem.BIND);
            assertThat(p.message()).contains("tick \"Publish on other addresses\"");
        });
        assertThatThrownBy(() -> provisioning.start(open, e -> {}))
                .isInstanceOf(io.pgha.runtime.PghaException.class)
                .hasMessageContaining("is not this machine's loopback");
        NewClusterRequest asked = new NewClusterRequest(d.name(), 3, 3, "auto", "0.0.0.0", true, d.ports(), d.timing());
        assertThat(provisioning.check(asked)).isEmpty();
        assertThat(DockerStackProvisioning.spec(asked))
                .as("publishing elsewhere changes only the address")
                .isEqualTo(StackSpec.builder()
                        .name(d.name())
                        .bindAddress("0.0.0.0")
                        .ports(DockerStackProvisioning.spec(d).ports())
                        .build());
    }

    @Test
    void aTakenNameAndAPortInUseAreProblemsOfTheirFields() throws IOException {
        ClusterRegistry registry = new ClusterRegistry(config);
        registry.save(SampleCluster.connection("pg-ha"));
        DockerStackProvisioning provisioning = new DockerStackProvisioning(registry, BlockingUp::new);
        NewClusterRequest d = provisioning.defaults();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            NewClusterRequest request = new NewClusterRequest(
                    "pg-ha",
                    3,
                    3,
                    "auto",
                    "127.0.0.1",
                    false,
                    new NewClusterRequest.Ports(port, 15001, 15002, 15010, 15020, 15030, 15040),
                    d.timing());

            assertThat(provisioning.check(request))
                    .contains(
                            new SpecProblem(
                                    SpecProblem.NAME,
                                    "a cluster named 'pg-ha' already exists: open it from the sidebar, or choose another name"),
                            new SpecProblem(
                                    SpecProblem.PORTS,
                                    "port " + port + " (router writes) is in use on 127.0.0.1: stop what uses it "
                                            + "or choose another port"));
        }
    }

    @Test
    void cancelRemovesOnlyWhatTheRunCreatedNeverTheWholeStack() {
        DockerStackProvisioning provisioning =
                new DockerStackProvisioning(new ClusterRegistry(config), BlockingUp::new);

        ProvisioningRun run = provisioning.start(provisioning.defaults(), events::add);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> events.stream().anyMatch(e -> e instanceof ProvisioningEvent.StepStarted));
        run.cancel();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> events.stream().anyMatch(e -> e instanceof ProvisioningEvent.Cancelled));
        assertThat(downs).as("no pgha down, least of all --volumes").isEmpty();
        assertThat(removed).as("the run's own record").containsExactly(ups.getFirst());
        assertThat(events.get(0))
                .isInstanceOfSatisfying(
                        ProvisioningEvent.StepStarted.class,
                        s -> assertThat(s.title()).isEqualTo("Starting etcd"));
        assertThat(events)
                .filteredOn(ProvisioningEvent.Log.class::isInstance)
                .map(e -> ((ProvisioningEvent.Log) e).line())
                .containsExactly(
                        "removed container pg-ha-etcd-1",
                        "kept what existed before this run: volume pg-ha_pg-0-data, the stored credentials");
    }

    @Test
    void cancelAfterAFailedRunRemovesWhatThatRunCreated() {
        DockerStackProvisioning provisioning =
                new DockerStackProvisioning(new ClusterRegistry(config), () -> new BlockingUp(true));

        ProvisioningRun run = provisioning.start(provisioning.defaults(), events::add);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> events.stream().anyMatch(e -> e instanceof ProvisioningEvent.Failed));
        assertThat(removed).as("a failure alone removes nothing").isEmpty();
        assertThat(events)
                .filteredOn(ProvisioningEvent.Failed.class::isInstance)
                .singleElement()
                .satisfies(f -> assertThat(((ProvisioningEvent.Failed) f).message())
                        .isEqualTo("port 5000 is in use. Cancel provisioning removes what this run created"));

        run.cancel();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> events.stream().anyMatch(e -> e instanceof ProvisioningEvent.Cancelled));
        assertThat(removed).containsExactly(ups.getFirst());
        assertThat(downs).isEmpty();
        run.cancel();
        assertThat(removed).as("once").hasSize(1);
    }

    @Test
    void aFinishedStepSaysWhatWasDoneOrWhyItFailed() {
        assertThat(DockerStackProvisioning.translate(new ProgressEvent(
                        "etcd", "Starting etcd", ProgressEvent.Status.SKIPPED, "3/3 running", Duration.ZERO)))
                .isInstanceOfSatisfying(
                        ProvisioningEvent.StepFinished.class,
                        f -> assertThat(f.detail()).isEqualTo("nothing to do: 3/3 running"));
        assertThat(DockerStackProvisioning.translate(new ProgressEvent(
                        "ports", "Checking ports", ProgressEvent.Status.FAILED, "port 5000 is in use", Duration.ZERO)))
                .isInstanceOfSatisfying(
                        ProvisioningEvent.StepFinished.class,
                        f -> assertThat(f.ok()).isFalse());
    }

    /**
     * A provisioner whose up() starts a step and waits until it is interrupted, like a long image pull (or fails at
     * once); it remembers the record each run was given and which records were removed.
     */
    private final class BlockingUp implements StackProvisioner {
        private final boolean fail;

        BlockingUp() {
            this(false);
        }

        BlockingUp(boolean fail) {
            this.fail = fail;
        }

        @Override
        public UpResult up(StackSpec spec, ProgressListener progress, CreatedByRun made) {
            ups.add(made);
            progress.on(new ProgressEvent("etcd", "Starting etcd", ProgressEvent.Status.STARTED, "", Duration.ZERO));
            if (fail) {
                throw PghaException.conflict("port 5000 is in use");
            }
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw PghaException.timeout("interrupted");
        }

        @Override
        public DownResult down(String name, boolean removeVolumes, ProgressListener progress) {
            downs.add(name + (removeVolumes ? " --volumes" : ""));
            return null;
        }

        @Override
        public DownResult removeCreated(String name, CreatedByRun made, ProgressListener progress) {
            removed.add(made);
            return new DownResult(
                    name,
                    List.of("container " + name + "-etcd-1"),
                    false,
                    Duration.ZERO,
                    List.of("volume " + name + "_pg-0-data", "the stored credentials"));
        }

        @Override
        public void close() {}
    }
}
