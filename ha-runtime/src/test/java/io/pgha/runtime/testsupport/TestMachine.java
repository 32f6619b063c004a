package io.pgha.runtime.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * What integration tests need from the machine. A missing Docker engine is a failure with a message
 * that says how to fix it, never a skip. Tests that use Docker hold a machine-wide lock for the whole
 * test JVM, so two test runs never fight over the same containers and ports.
 */
public final class TestMachine {

    private static final Object GUARD = new Object();
    private static FileLock dockerLock;
    private static boolean imagesBuilt;

    private TestMachine() {}

    /** Fails clearly when Docker is not usable; takes the machine-wide Docker lock; builds local images. */
    public static void requireDockerWithLocalImages() {
        requireDocker();
        synchronized (GUARD) {
            if (!imagesBuilt) {
                Commands.Result r = Commands.run(
                        Duration.ofMinutes(15),
                        RepoPaths.stackDir().resolve("images/build-local.sh").toString());
                if (!r.ok()) {
                    throw new AssertionError("building the local images failed: " + r.describe());
                }
                imagesBuilt = true;
            }
        }
    }

    public static void requireDocker() {
        Commands.Result info = Commands.run(Duration.ofSeconds(30), "docker", "info", "--format", "{{.ServerVersion}}");
        if (!info.ok()) {
            throw new AssertionError("These tests need a running Docker engine and none is reachable ("
                    + info.stderr().strip() + "). Run: sudo scripts/prepare-machine.sh");
        }
        Commands.Result compose = Commands.run(Duration.ofSeconds(30), "docker", "compose", "version");
        if (!compose.ok()) {
            throw new AssertionError(
                    "These tests need the docker compose v2 plugin. Run: sudo scripts/prepare-machine.sh");
        }
        lockDocker();
    }

    private static void lockDocker() {
        synchronized (GUARD) {
            if (dockerLock != null) {
                return;
            }
            try {
                FileChannel ch = FileChannel.open(
                        Path.of(System.getProperty("java.io.tmpdir"), "pgha-docker-tests.lock"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                dockerLock = ch.lock(); // held until this JVM exits
            } catch (IOException e) {
                throw new UncheckedIOException("cannot take the Docker test lock", e);
            }
        }
    }
}
