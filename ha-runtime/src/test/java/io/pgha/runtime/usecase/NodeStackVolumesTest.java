package io.pgha.runtime.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.docker.DockerVolume;
import io.pgha.runtime.testsupport.RefusingDockerEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the one-shot job of {@code pgha down --volumes} does on each node of a Swarm (docs/decisions/0048). */
class NodeStackVolumesTest {

    /** Volumes by name with their labels; a volume refuses removal as many times as its count says (a stopping task). */
    private static final class Volumes extends RefusingDockerEngine {
        final Map<String, Map<String, String>> present = new LinkedHashMap<>();
        final Map<String, Integer> busy = new HashMap<>();
        final List<String> attempts = new ArrayList<>();

        Volumes with(String name, String stack, int refusals) {
            present.put(name, Map.of(NodeStackVolumes.STACK_LABEL, stack));
            busy.put(name, refusals);
            return this;
        }

        @Override
        public List<DockerVolume> volumes(Map<String, String> labels) {
            return present.entrySet().stream()
                    .filter(e -> e.getValue().entrySet().containsAll(labels.entrySet()))
                    .map(e -> new DockerVolume(e.getKey(), e.getValue()))
                    .toList();
        }

        @Override
        public void removeVolume(String name) {
            attempts.add(name);
            int left = busy.getOrDefault(name, 0);
            if (left > 0) {
                busy.put(name, left - 1);
                throw PghaException.conflict("remove volume " + name + ": volume is in use");
            }
            present.remove(name);
        }
    }

    @Test
    void removesOnlyTheStacksVolumes() {
        Volumes engine = new Volumes()
                .with("sw_pg-1-data", "sw", 0)
                .with("sw_etcd-2-data", "sw", 0)
                .with("other_pg-0-data", "other", 0);

        List<String> removed = new NodeStackVolumes(engine, Duration.ZERO, Duration.ZERO).remove("sw");

        assertThat(removed).containsExactly("sw_pg-1-data", "sw_etcd-2-data");
        assertThat(engine.present).containsOnlyKeys("other_pg-0-data");
    }

    @Test
    void aVolumeStillInUseIsTriedAgainUntilItIsFree() {
        Volumes engine = new Volumes().with("sw_pg-1-data", "sw", 2).with("sw_etcd-2-data", "sw", 0);

        List<String> removed = new NodeStackVolumes(engine, Duration.ofSeconds(30), Duration.ZERO).remove("sw");

        assertThat(removed).containsExactlyInAnyOrder("sw_pg-1-data", "sw_etcd-2-data");
        assertThat(engine.attempts).containsExactly("sw_pg-1-data", "sw_etcd-2-data", "sw_pg-1-data", "sw_pg-1-data");
        assertThat(engine.present).isEmpty();
    }

    @Test
    void aVolumeInUseToTheEndIsNamedWithWhatToDo() {
        Volumes engine = new Volumes().with("sw_pg-1-data", "sw", 1_000).with("sw_etcd-2-data", "sw", 0);

        assertThatThrownBy(() -> new NodeStackVolumes(engine, Duration.ZERO, Duration.ZERO).remove("sw"))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("volumes sw_pg-1-data of stack sw are still in use")
                .hasMessageContaining("run pgha down --volumes again");
        assertThat(engine.present).containsOnlyKeys("sw_pg-1-data");
    }

    @Test
    void aNodeWithoutTheStacksVolumesHasNothingToDo() {
        assertThat(new NodeStackVolumes(new Volumes(), Duration.ZERO, Duration.ZERO).remove("sw"))
                .isEmpty();
    }
}
