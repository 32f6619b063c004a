package io.pgha.console.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.console.service.DrillRequest;
import io.pgha.console.service.RestoreDrillRequest;
import io.pgha.console.testing.SampleCluster;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.drill.DrillScenario;
import io.pgha.runtime.drill.DrillSettings;
import io.pgha.runtime.drill.DrillTarget;
import io.pgha.runtime.provision.ProgressEvent;
import io.pgha.runtime.stack.StackImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the console aims the runtime's drill at the open cluster (no Docker needed to check that). */
class RuntimeFaultDrillsTest {

    @TempDir
    Path configDir;

    private final DrillRequest request = new DrillRequest(
            DrillScenario.KILL_PRIMARY,
            List.of("pg-0", "pg-1", "pg-2"),
            List.of("etcd-1", "etcd-2", "etcd-3"),
            java.util.Map.of(),
            DrillSettings.defaults());

    @Test
    void aProvisionedStackIsDrilledThroughItsRouterWithItsStoredSuperuser() {
        CredentialStore store = new CredentialStore(configDir);
        StackCredentials credentials = StackCredentials.generate("postgres", "replicator", "admin");
        store.save("demo", credentials);
        List<String> progress = new ArrayList<>();

        DrillTarget t = new RuntimeFaultDrills(SampleCluster.connection("demo"), store).target(request, progress::add);

        assertThat(t.scope()).isEqualTo(SampleCluster.SCOPE);
        assertThat(t.network()).isEqualTo("demo");
        assertThat(t.members()).containsExactly("pg-0", "pg-1", "pg-2");
        assertThat(t.etcdMembers()).containsExactly("etcd-1", "etcd-2", "etcd-3");
        assertThat(List.of(t.routerHost(), t.writePort(), t.readPort())).containsExactly("127.0.0.1", 5000, 5001);
        assertThat(t.patroniUrls())
                .containsEntry("pg-1", "http://127.0.0.1:8009")
                .hasSize(3);
        assertThat(t.superuser()).isEqualTo("postgres");
        assertThat(t.password()).isEqualTo(credentials.superuser().password());
        assertThat(t.watcherImage()).isEqualTo(StackImages.SUPERVISOR);
        assertThat(progress).isEmpty();
    }

    @Test
    void theBackupsDrillsAreAimedLikeTheFaultDrills() {
        CredentialStore store = new CredentialStore(configDir);
        StackCredentials credentials = StackCredentials.generate("postgres", "replicator", "admin");
        store.save("demo", credentials);
        RestoreDrillRequest restore =
                new RestoreDrillRequest(request.members(), request.etcdContainers(), Map.of("pg-0", "demo-pg-0"), 2);

        DrillTarget t = new RuntimeFaultDrills(SampleCluster.connection("demo"), store).target(restore, s -> {});

        assertThat(t.members()).containsExactly("pg-0", "pg-1", "pg-2");
        assertThat(t.containerOf("pg-0")).isEqualTo("demo-pg-0");
        assertThat(t.writePort()).isEqualTo(5000);
        assertThat(t.password()).isEqualTo(credentials.superuser().password());
    }

    @Test
    void aRestoreDrillsStepIsOneLineOfTheLog() {
        assertThat(RuntimeFaultDrills.line(new ProgressEvent(
                        "writes",
                        "Writers through the router",
                        ProgressEvent.Status.DONE,
                        "1250 rows acknowledged",
                        Duration.ZERO)))
                .isEqualTo("Writers through the router (done): 1250 rows acknowledged");
        assertThat(RuntimeFaultDrills.line(new ProgressEvent(
                        "disaster",
                        "Every node and its data removed",
                        ProgressEvent.Status.STARTED,
                        "",
                        Duration.ZERO)))
                .isEqualTo("Every node and its data removed (started)");
    }

    @Test
    void anAttachedComposeStackUsesTheComposeSuperuserAndSaysSo() {
        List<String> progress = new ArrayList<>();

        DrillTarget t = new RuntimeFaultDrills(SampleCluster.connection("pg-ha"), new CredentialStore(configDir))
                .target(request, progress::add);

        assertThat(t.superuser()).isEqualTo("postgres");
        assertThat(t.password()).isEqualTo("postgres");
        assertThat(progress)
                .containsExactly("no stored credentials for pg-ha: writing as the compose stack's superuser postgres");
    }

    @Test
    void aClusterWithoutDockerOrRouterIsRefusedBeforeAnythingHappens() {
        ClusterConnection c = SampleCluster.connection("remote");
        ClusterConnection noDocker = new ClusterConnection(
                c.name(),
                c.scope(),
                c.etcdEndpoints(),
                c.etcdAuth(),
                c.patroniUrls(),
                c.router(),
                Optional.empty(),
                ClusterConnection.Origin.ATTACHED);
        ClusterConnection noRouter = new ClusterConnection(
                c.name(),
                c.scope(),
                c.etcdEndpoints(),
                c.etcdAuth(),
                c.patroniUrls(),
                Optional.empty(),
                c.dockerStack(),
                ClusterConnection.Origin.ATTACHED);
        ClusterConnection oneUrl = new ClusterConnection(
                c.name(),
                c.scope(),
                c.etcdEndpoints(),
                c.etcdAuth(),
                Map.of("pg-0", "http://127.0.0.1:8008"),
                c.router(),
                c.dockerStack(),
                ClusterConnection.Origin.ATTACHED);
        CredentialStore store = new CredentialStore(configDir);

        assertThatThrownBy(() -> new RuntimeFaultDrills(noDocker, store).target(request, s -> {}))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("does not run on the local Docker engine");
        assertThatThrownBy(() -> new RuntimeFaultDrills(noRouter, store).target(request, s -> {}))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("has no router");
        assertThatThrownBy(() -> new RuntimeFaultDrills(oneUrl, store).target(request, s -> {}))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("no Patroni REST URL is known for pg-1");
    }
}
