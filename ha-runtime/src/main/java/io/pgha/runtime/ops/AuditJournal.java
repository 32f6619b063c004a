package io.pgha.runtime.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.json.Json;
import io.pgha.runtime.json.JsonLines;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A cluster's audit journal: {@code audit.jsonl} in its directory, one JSON object per operation. Any number
 * of processes (the console, several pgha commands) append to it; each append holds the file's lock, so lines
 * never interleave. It is never rotated: operations are few, and an audit trail is kept.
 */
public final class AuditJournal {

    static final String FILE = "audit.jsonl";
    private static final ObjectMapper JSON = Json.mapper();

    /** File locks are per process: threads of one process take turns here first. */
    private static final Object IN_PROCESS = new Object();

    private final Path dir;

    public AuditJournal(Path dir) {
        this.dir = dir;
    }

    public Path file() {
        return dir.resolve(FILE);
    }

    public void append(AuditEntry entry) {
        try {
            byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.createDirectories(dir);
            synchronized (IN_PROCESS) {
                write(line);
            }
        } catch (IOException e) {
            throw PghaException.unavailable("cannot write the audit journal " + file() + ": " + e.getMessage(), e);
        }
    }

    private void write(byte[] line) throws IOException {
        try (FileChannel ch = FileChannel.open(
                        file(), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                FileLock ignored = ch.lock()) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
        }
    }

    /** The newest entries first. */
    public List<AuditEntry> recent(int max) {
        return JsonLines.newestFirst(file(), AuditEntry.class, max, "the audit journal");
    }
}
