package io.pgha.runtime.provision;

import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.docker.DockerJavaEngine;
import io.pgha.runtime.stack.StackSpec;

/** Makes a stack real and takes it away again. */
public interface StackProvisioner extends AutoCloseable {

    /**
     * Brings the stack to "writable through the router with every replica streaming": creates what is
     * missing, starts what is stopped, waits for each layer in turn. Running it on a healthy stack changes
     * nothing; a spec that differs from the running one is refused with the differences, never applied.
     */
    UpResult up(StackSpec spec, ProgressListener progress);

    /** Stops and removes the stack's containers and network; with {@code removeVolumes} its data and credentials too. */
    DownResult down(String name, boolean removeVolumes, ProgressListener progress);

    @Override
    void close();

    /** A provisioner for the local Docker engine (or DOCKER_HOST), keeping credentials and connections in the config directory. */
    static StackProvisioner onLocalDocker() {
        return new DockerStackProvisioner(DockerJavaEngine.local(), new CredentialStore(), new ClusterRegistry());
    }
}
