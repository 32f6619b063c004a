package io.pgha.runtime.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's files are, for tests that use stack/ and the scripts. */
public final class RepoPaths {

    private RepoPaths() {}

    public static Path root() {
        String configured = System.getProperty("pgha.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("stack/docker-compose.yml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (stack/docker-compose.yml) above " + start);
    }

    public static Path stackDir() {
        return root().resolve("stack");
    }

    public static Path composeFile() {
        return stackDir().resolve("docker-compose.yml");
    }

    public static Path localEnv() {
        return stackDir().resolve("local.env");
    }
}
