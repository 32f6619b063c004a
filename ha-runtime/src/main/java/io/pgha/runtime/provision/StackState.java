package io.pgha.runtime.provision;

import io.pgha.runtime.docker.DockerContainer;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.DockerNetwork;
import io.pgha.runtime.docker.DockerVolume;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.StackSpecFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What of a stack exists on the engine, found by its labels. */
record StackState(
        String name,
        Map<String, DockerContainer> containers,
        Optional<DockerNetwork> network,
        List<DockerVolume> volumes) {

    static StackState of(DockerEngine docker, String name) {
        Map<String, DockerContainer> containers = docker.containers(StackLabels.of(name)).stream()
                .collect(Collectors.toMap(DockerContainer::name, Function.identity()));
        Optional<DockerNetwork> network =
                docker.network(name).filter(n -> name.equals(n.labels().get(StackLabels.STACK)));
        return new StackState(name, containers, network, docker.volumes(StackLabels.of(name)));
    }

    boolean empty() {
        return containers.isEmpty() && network.isEmpty() && volumes.isEmpty();
    }

    /** The spec the existing containers were made from, when they carry one. */
    Optional<StackSpec> runningSpec() {
        return containers.values().stream()
                .map(c -> c.labels().get(StackLabels.SPEC))
                .filter(s -> s != null && !s.isBlank())
                .findFirst()
                .map(yaml -> StackSpecFile.parse(yaml).build());
    }

    Optional<ImageProfile> runningProfile() {
        return containers.values().stream()
                .map(c -> c.labels().get(StackLabels.IMAGES))
                .filter(s -> s != null && !s.isBlank())
                .findFirst()
                .map(ImageProfile::parse);
    }
}
