package io.pgha.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.docker.DockerContainer;
import io.pgha.runtime.stack.StackSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecDriftTest {

    private static final StackSpec THREE = StackSpec.defaults();

    @Test
    void theSameSpecIsNoDrift() {
        assertThat(SpecDrift.of(stack(THREE, 3), THREE)).isEmpty();
    }

    @Test
    void afterAScaleTo4TheGrownCountIsNoDriftAndThePlainOneSaysHowManyRun() {
        StackSpec four = THREE.toBuilder().nodes(4).build();
        List<DockerContainer> scaled = new ArrayList<>(stack(THREE, 3));
        scaled.add(postgres(four, 3));

        assertThat(SpecDrift.of(scaled, four)).isEmpty();
        assertThat(SpecDrift.of(scaled, THREE))
                .hasValueSatisfying(d -> assertThat(d)
                        .contains("it runs 4 PostgreSQL nodes, the spec asks for 3")
                        .contains("pgha up --nodes 4"));
    }

    @Test
    void afterEtcd3To5TheGrownCountIsNoDriftAndTheOldOneSaysHowManyRun() {
        StackSpec five = THREE.toBuilder().etcdMembers(5).build();
        List<DockerContainer> grown = new ArrayList<>(stack(THREE, 3));
        grown.add(container(THREE, "etcd", "etcd-2"));
        grown.add(container(THREE, "etcd", "etcd-3"));
        grown.add(container(five, "etcd", "etcd-4"));
        grown.add(container(five, "etcd", "etcd-5"));

        assertThat(SpecDrift.of(grown, five)).isEmpty();
        assertThat(SpecDrift.of(grown, THREE))
                .hasValueSatisfying(d -> assertThat(d).contains("it runs 5 etcd members, the spec asks for 3"));
        assertThat(SpecDrift.of(grown.subList(0, 6), five))
                .as("3 etcd containers made with 3: up would not join new ones")
                .hasValueSatisfying(d -> assertThat(d).contains("etcd"));
    }

    @Test
    void fewerPostgresContainersThanWantedIsAStackToComplete() {
        assertThat(SpecDrift.of(stack(THREE, 2), THREE)).isEmpty();
    }

    @Test
    void anotherSettingIsDriftWhateverTheCount() {
        StackSpec otherTtl = THREE.toBuilder()
                .patroni(new io.pgha.runtime.stack.PatroniTuning(
                        30, 2, 5, io.pgha.runtime.stack.SynchronousMode.QUORUM, 1, 1_048_576, 10))
                .build();
        Optional<String> drift = SpecDrift.of(stack(THREE, 3), otherTtl);
        assertThat(drift).hasValueSatisfying(d -> assertThat(d).contains("patroni.ttl: 20 -> 30"));
    }

    @Test
    void containersWithoutASpecLabelAreAnotherVersionsStack() {
        DockerContainer old = new DockerContainer(
                "id", "pg-0", "img", java.util.Map.of(StackLabels.ROLE, "postgres"), "running", List.of());
        assertThat(SpecDrift.of(List.of(old), THREE)).contains("its containers were made by another version of pgha");
    }

    private static List<DockerContainer> stack(StackSpec spec, int postgres) {
        List<DockerContainer> containers = new ArrayList<>();
        containers.add(container(spec, "etcd", "etcd-1"));
        for (int i = 0; i < postgres; i++) {
            containers.add(postgres(spec, i));
        }
        return containers;
    }

    private static DockerContainer postgres(StackSpec spec, int i) {
        return container(spec, "postgres", "pg-" + i);
    }

    private static DockerContainer container(StackSpec spec, String role, String name) {
        SpecFingerprint f = SpecFingerprint.of(spec);
        return new DockerContainer(
                name,
                name,
                "img",
                StackLabels.container("pg-ha", role, name, f.hash(), f.yaml(), "local"),
                "running",
                List.of());
    }
}
