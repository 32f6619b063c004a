package io.pgha.installers.deb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The installers this build made (target/installers, passed by the POM as pgha.installers.dir). */
final class InstallerFiles {

    private InstallerFiles() {}

    static Path deb() {
        String dir = System.getProperty("pgha.installers.dir");
        if (dir == null) {
            throw new AssertionError(
                    "pgha.installers.dir is not set: run the installers through Maven (./mvnw verify)");
        }
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            List<Path> debs = files.filter(p -> p.getFileName().toString().endsWith(".deb"))
                    .toList();
            if (debs.size() != 1) {
                throw new AssertionError(
                        "expected one .deb in " + dir + " (the package phase makes it), found " + debs);
            }
            return debs.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + " (the package phase makes the .deb there)", e);
        }
    }
}
