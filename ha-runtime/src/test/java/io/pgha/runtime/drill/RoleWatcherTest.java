package io.pgha.runtime.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoleWatcherTest {

    private final DrillTarget target = new DrillTarget(
            "pg-ha",
            List.of("pg-0", "pg-1"),
            List.of("etcd-1"),
            "pg-ha",
            "127.0.0.1",
            5000,
            5001,
            Map.of("pg-0", "http://127.0.0.1:8008"),
            "postgres",
            "s3cret-Password",
            "pgha/supervisor:local");

    @Test
    void thePasswordIsAFileInTheContainerNeverInItsEnvironment() {
        assertThat(RoleWatcher.environment(target))
                .containsExactly("PGHA_PROBE_USER=postgres", "PGHA_PROBE_PASSWORD_FILE=" + RoleWatcher.PASSWORD_FILE)
                .noneMatch(e -> e.contains("s3cret-Password"));
        assertThat(RoleWatcher.files(target)).containsExactly(Map.entry(RoleWatcher.PASSWORD_FILE, "s3cret-Password"));
    }
}
