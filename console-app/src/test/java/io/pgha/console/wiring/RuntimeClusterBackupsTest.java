package io.pgha.console.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.BackupsState;
import io.pgha.console.service.ClusterBackups;
import io.pgha.console.testing.SampleCluster;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.stack.Backups;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuntimeClusterBackupsTest {

    @ParameterizedTest(name = "backups {0}, images {1}: {2}")
    @CsvSource({
        "true, LOCAL, ",
        "true, AUTO, ",
        "true, OFFICIAL, NO_BACKUP_TOOL",
        "false, LOCAL, DISABLED",
        "false, OFFICIAL, DISABLED"
    })
    void aStackSaysWhyItHasNoBackupsFromItsSpec(boolean enabled, ImageProfile images, BackupsState.Why why) {
        StackSpec spec = StackSpec.builder()
                .backups(enabled ? Backups.DEFAULTS : Backups.OFF)
                .images(images)
                .build();

        assertThat(RuntimeClusterBackups.off(spec)).isEqualTo(Optional.ofNullable(why));
    }

    @Test
    void anAttachedClusterHasNoBackupsOfPghasAndNeedsNoDocker() {
        ClusterConnection c = SampleCluster.connection("elsewhere");
        ClusterBackups attached = RuntimeClusterBackups.of(new ClusterConnection(
                c.name(),
                c.scope(),
                c.etcdEndpoints(),
                c.etcdAuth(),
                c.patroniUrls(),
                c.router(),
                Optional.empty(),
                ClusterConnection.Origin.ATTACHED));

        assertThat(attached.read()).isEqualTo(new BackupsState.Off(BackupsState.Why.ATTACHED));
    }
}
