package io.pgha.runtime.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.PghaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A journal of one JSON document per line (the event journal, the audit trail), read back newest first. */
public final class JsonLines {

    private static final ObjectMapper JSON = Json.mapper();

    private JsonLines() {}

    /**
     * Up to {@code max} documents of {@code file}, its last line first; none when it does not exist. A line cut short
     * by a crash is skipped and the rest of the history kept.
     *
     * @param what the journal, for the message when the file cannot be read ("the audit journal")
     */
    public static <T> List<T> newestFirst(Path file, Class<T> type, int max, String what) {
        if (max <= 0 || !Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw PghaException.unavailable("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
        Collections.reverse(lines);
        List<T> result = new ArrayList<>();
        for (String line : lines) {
            if (result.size() >= max) {
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                result.add(JSON.readValue(line, type));
            } catch (IOException e) {
                // a line cut short by a crash: skip it, keep the rest
            }
        }
        return result;
    }
}
