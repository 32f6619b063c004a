package io.pgha.runtime.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The file Docker's health check of the supervisor's container reads: touched whenever etcd answered it. */
final class AliveFile {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    private AliveFile() {}

    static void touch(Optional<Path> file) {
        file.ifPresent(AliveFile::touch);
    }

    private static void touch(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            LOG.debug("alive file {} not touched: {}", file, e.getMessage());
        }
    }
}
