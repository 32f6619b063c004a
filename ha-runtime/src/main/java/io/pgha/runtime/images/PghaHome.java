package io.pgha.runtime.images;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Where pgha's own files are (stack/, its image recipes): the {@code pgha.home} system property that the launchers set
 * (an installed package's app directory, a checkout's root), else the first directory above pgha's own classes or jar
 * that holds {@code stack/images/build-local.sh} (a checkout, when pgha runs inside a test or an IDE).
 */
public final class PghaHome {

    static final String BUILD_SCRIPT = "stack/images/build-local.sh";

    private PghaHome() {}

    public static Optional<Path> find() {
        String property = System.getProperty("pgha.home");
        if (property != null && !property.isBlank()) {
            Path home = Path.of(property);
            return Files.isRegularFile(home.resolve(BUILD_SCRIPT)) ? Optional.of(home) : Optional.empty();
        }
        for (Path dir = codeLocation(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(BUILD_SCRIPT))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** build-local.sh, which builds the local images and the supervisor's. */
    public static Optional<Path> buildScript() {
        return find().map(h -> h.resolve(BUILD_SCRIPT));
    }

    private static Path codeLocation() {
        CodeSource source = PghaHome.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
