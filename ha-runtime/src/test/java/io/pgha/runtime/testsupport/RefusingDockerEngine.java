package io.pgha.runtime.testsupport;

import io.pgha.runtime.docker.ContainerSpec;
import io.pgha.runtime.docker.DockerContainer;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.DockerNetwork;
import io.pgha.runtime.docker.DockerVolume;
import io.pgha.runtime.docker.EngineInfo;
import io.pgha.runtime.docker.ExecResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Docker engine that refuses every call: a test's fake extends it and overrides only what the code under test may
 * ask, so anything else it asks fails the test.
 */
public class RefusingDockerEngine implements DockerEngine {

    private static UnsupportedOperationException notAsked(String call) {
        return new UnsupportedOperationException(call + " is not expected of the engine in this test");
    }

    @Override
    public EngineInfo info() {
        throw notAsked("info");
    }

    @Override
    public boolean imagePresent(String image) {
        throw notAsked("imagePresent");
    }

    @Override
    public void pullImage(String image, Consumer<String> progress) {
        throw notAsked("pullImage");
    }

    @Override
    public Optional<DockerNetwork> network(String name) {
        throw notAsked("network");
    }

    @Override
    public void createNetwork(String name, Map<String, String> labels) {
        throw notAsked("createNetwork");
    }

    @Override
    public void removeNetwork(String name) {
        throw notAsked("removeNetwork");
    }

    @Override
    public Optional<DockerVolume> volume(String name) {
        throw notAsked("volume");
    }

    @Override
    public List<DockerVolume> volumes(Map<String, String> labels) {
        throw notAsked("volumes");
    }

    @Override
    public void createVolume(String name, Map<String, String> labels) {
        throw notAsked("createVolume");
    }

    @Override
    public void removeVolume(String name) {
        throw notAsked("removeVolume");
    }

    @Override
    public List<DockerContainer> containers(Map<String, String> labels) {
        throw notAsked("containers");
    }

    @Override
    public Optional<DockerContainer> container(String name) {
        throw notAsked("container");
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        throw notAsked("createContainer");
    }

    @Override
    public void start(String container) {
        throw notAsked("start");
    }

    @Override
    public void stop(String container, Duration grace) {
        throw notAsked("stop");
    }

    @Override
    public void remove(String container) {
        throw notAsked("remove");
    }

    @Override
    public void copyFile(String container, String path, byte[] content, int mode) {
        throw notAsked("copyFile");
    }

    @Override
    public ExecResult exec(String container, List<String> command, Duration timeout) {
        throw notAsked("exec");
    }

    @Override
    public void close() {}
}
