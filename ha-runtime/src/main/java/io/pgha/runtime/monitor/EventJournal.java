package io.pgha.runtime.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.json.Json;
import io.pgha.runtime.json.JsonLines;
import io.pgha.runtime.model.ClusterEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster's events on disk, one JSON object per line ({@code events.jsonl} in the cluster's directory),
 * so the history survives restarts. Several monitors may watch one cluster (the console and a
 * {@code pgha watch}): only the one holding {@code events.lock} writes, the others only read. The file
 * is rotated to {@code events.1.jsonl} at {@link #MAX_BYTES}.
 */
final class EventJournal implements AutoCloseable {

    static final String FILE = "events.jsonl";
    static final String OLD_FILE = "events.1.jsonl";
    static final long MAX_BYTES = 8L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);
    static final ObjectMapper JSON = Json.mapper();

    private final Path dir;
    private FileChannel lockChannel;
    private FileLock lock;

    public EventJournal(Path dir) {
        this.dir = dir;
    }

    public Path file() {
        return dir.resolve(FILE);
    }

    /** Appends the events if this journal is (or can become) the writer; returns whether it wrote. */
    public synchronized boolean append(List<ClusterEvent> events) {
        if (events.isEmpty() || !holdWriterLock()) {
            return false;
        }
        StringBuilder lines = new StringBuilder();
        for (ClusterEvent e : events) {
            try {
                lines.append(JSON.writeValueAsString(e)).append('\n');
            } catch (JsonProcessingException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        try {
            Path f = file();
            if (Files.exists(f) && Files.size(f) > MAX_BYTES) {
                Files.move(
                        f, dir.resolve(OLD_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.writeString(f, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return true;
        } catch (IOException e) {
            LOG.warn("cannot write the event journal {}: {}", file(), e.toString());
            return false;
        }
    }

    /** The newest events, newest first, from this file and the rotated one. */
    public List<ClusterEvent> recent(int max) {
        List<ClusterEvent> result = new ArrayList<>();
        for (String name : List.of(FILE, OLD_FILE)) {
            result.addAll(JsonLines.newestFirst(
                    dir.resolve(name), ClusterEvent.class, max - result.size(), "the event journal"));
        }
        return result;
    }

    private boolean holdWriterLock() {
        if (lock != null && lock.isValid()) {
            return true;
        }
        try {
            Files.createDirectories(dir);
            if (lockChannel == null) {
                lockChannel = FileChannel.open(
                        dir.resolve("events.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            }
            lock = lockChannel.tryLock();
            return lock != null;
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (IOException e) {
            LOG.warn("cannot lock the event journal in {}: {}", dir, e.toString());
            return false;
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException ignored) {
            // released with the process anyway
        }
        lock = null;
        lockChannel = null;
    }
}
