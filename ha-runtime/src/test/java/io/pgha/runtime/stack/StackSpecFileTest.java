package io.pgha.runtime.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSpecFileTest {

    @Test
    void aFileOverridesOnlyWhatItNames(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("spec.yaml");
        Files.writeString(f, """
                name: shop
                nodes: 5
                images: local
                ports: {write: 15000}
                patroni:
                  ttl: 30
                  synchronous_mode: true
                postgresql:
                  parameters:
                    work_mem: 16MB
                users: {admin: ops}
                """);
        StackSpec s = StackSpecFile.load(f).build();
        assertThat(s.name()).isEqualTo("shop");
        assertThat(s.nodes()).isEqualTo(5);
        assertThat(s.etcdMembers()).isEqualTo(3);
        assertThat(s.images()).isEqualTo(ImageProfile.LOCAL);
        assertThat(s.ports().write()).isEqualTo(15000);
        assertThat(s.ports().read()).isEqualTo(5001);
        assertThat(s.patroni().ttl()).isEqualTo(30);
        assertThat(s.patroni().loopWait()).isEqualTo(2);
        assertThat(s.patroni().synchronousMode()).isEqualTo(SynchronousMode.ON);
        assertThat(s.postgresParameters()).containsEntry("work_mem", "16MB").containsEntry("max_connections", "200");
        assertThat(s.users()).isEqualTo(new StackUsers("postgres", "standby", "ops"));
    }

    @Test
    void writtenSpecsReadBackEqual() {
        StackSpec s = StackSpec.builder()
                .name("x")
                .nodes(2)
                .etcdMembers(1)
                .images(ImageProfile.OFFICIAL)
                .bindAddress("0.0.0.0")
                .patroni(new PatroniTuning(40, 5, 10, SynchronousMode.ON, 1, 0, 30))
                .postgresParameter("shared_buffers", "256MB")
                .build();
        assertThat(StackSpecFile.parse(StackSpecFile.write(s)).build()).isEqualTo(s);
        assertThat(StackSpecFile.parse("").build()).isEqualTo(StackSpec.defaults());
    }

    @Test
    void mistakesAreNamedByTheirKey(@TempDir Path dir) throws IOException {
        refused("nodez: 3", "unknown key 'nodez'; known keys: backups, bind_address, etcd_members, fast_paths, images");
        refused("patroni: {ttl: 20, loopwait: 2}", "unknown key 'patroni.loopwait'; known keys of patroni:");
        refused("nodes: three", "nodes must be a whole number, not 'three'");
        refused("patroni: {synchronous_mode: maybe}", "patroni.synchronous_mode must be off, on or quorum");
        refused("ports: 5000", "ports must be a mapping");
        refused("images: cloud", "unknown image profile 'cloud': use one of official, local, auto");
        refused("patroni: {ttl: 10}", "below Patroni's minimum of 20");
        refused("nodes: [1", "not valid YAML");
        refused("name: demo\nnodez: 3\n", "unknown key 'nodez'; known keys: backups, bind_address");
        refused("name: demo\nnodez: 3\n", "(line 2)");
        refused("name: demo\npatroni:\n  ttl: 20\n  loopwait: 2\n", "unknown key 'patroni.loopwait'");
        refused("name: demo\npatroni:\n  ttl: 20\n  loopwait: 2\n", "(line 4)");
        refused("name: demo\n\nnodes: three\n", "nodes must be a whole number, not 'three' (line 3)");
        Path missing = dir.resolve("none.yaml");
        assertThatThrownBy(() -> StackSpecFile.load(missing))
                .hasMessageContaining("spec file " + missing + " does not exist");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "etcd_members: 4\n");
        assertThatThrownBy(() -> StackSpecFile.load(bad))
                .hasMessageStartingWith(bad + ": ")
                .hasMessageContaining("not 4");
    }

    private static void refused(String yaml, String message) {
        assertThatThrownBy(() -> StackSpecFile.parse(yaml).build())
                .isInstanceOf(PghaException.class)
                .hasMessageContaining(message);
    }
}
