package io.pgha.runtime.cluster;

import io.pgha.runtime.json.Json;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Secrets kept as JSON files under the config root: written whole (a temporary file, then an atomic move), the file
 * readable by the owner only (0600) and every directory from the root down to it too (0700), on POSIX systems.
 */
final class OwnerOnlyFiles {

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnlyFiles() {}

    /** Writes {@code content} as JSON to {@code file}, below {@code root}. */
    static void writeJson(Path root, Path file, Object content) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        if (POSIX) {
            for (Path d = dir; d != null && d.startsWith(root) && !d.equals(root); d = d.getParent()) {
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
            }
        }
        String name = file.getFileName().toString();
        Path tmp = POSIX
                ? Files.createTempFile(
                        dir,
                        name,
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, name, ".tmp");
        try {
            Json.pretty().writeValue(tmp.toFile(), content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The file's JSON as {@code type}, or empty when there is no such file. */
    static <T> Optional<T> readJson(Path file, Class<T> type) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.ofNullable(Json.mapper().readValue(file.toFile(), type));
    }
}
