package io.pgha.runtime.supervisor;

import io.pgha.runtime.dcs.StateKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link HeartbeatPort} to the supervisor's state key in etcd; the alive file is touched after every heartbeat written. */
final class EtcdHeartbeat implements HeartbeatPort {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    private final StateKey stateKey;
    private final Optional<Path> aliveFile;

    EtcdHeartbeat(StateKey stateKey, Optional<Path> aliveFile) {
        this.stateKey = stateKey;
        this.aliveFile = aliveFile;
    }

    @Override
    public void publish(Heartbeat heartbeat) {
        stateKey.publish(heartbeat.toJson());
        aliveFile.ifPresent(EtcdHeartbeat::touch);
    }

    /** For Docker's health check of the supervisor's container. */
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
