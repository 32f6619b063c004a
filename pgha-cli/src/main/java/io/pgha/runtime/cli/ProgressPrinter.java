package io.pgha.runtime.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.json.Json;
import io.pgha.runtime.provision.ProgressEvent;
import io.pgha.runtime.provision.ProgressListener;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Help.Ansi;

/** Shows progress as a line per step with its elapsed time, or as one JSON object per line with --json. */
final class ProgressPrinter implements ProgressListener {

    static final ObjectMapper JSON = Json.mapper();
    /** When this process started, for the timeline of a run ({@code at_ms} of every JSON progress line). */
    private static final long STARTED_MS = ProcessHandle.current()
            .info()
            .startInstant()
            .map(java.time.Instant::toEpochMilli)
            .orElseGet(System::currentTimeMillis);

    private final PrintWriter out;
    private final boolean json;
    private final Ansi ansi = Ansi.AUTO;

    ProgressPrinter(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    @Override
    public void on(ProgressEvent e) {
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("type", "progress");
            line.put("step", e.step());
            line.put("title", e.title());
            line.put("status", e.status().name().toLowerCase(Locale.ROOT));
            line.put("message", e.message());
            line.put("elapsed_ms", e.elapsed().toMillis());
            line.put("at_ms", System.currentTimeMillis() - STARTED_MS);
            printJson(out, line);
            return;
        }
        String seconds = String.format(Locale.ROOT, "%5.1f s", e.elapsed().toMillis() / 1000.0);
        switch (e.status()) {
            case STARTED -> {
                return;
            }
            case PROGRESS -> out.println("        " + e.message());
            case DONE ->
                out.println(ansi.string("@|green ✔|@ " + seconds + "  " + pad(e.title()) + "  " + e.message()));
            case SKIPPED ->
                out.println(ansi.string("@|faint -|@ " + seconds + "  " + pad(e.title()) + "  " + e.message()));
            case FAILED -> out.println(ansi.string("@|red ✘|@ " + seconds + "  " + pad(e.title()) + "  failed"));
        }
        out.flush();
    }

    static void printJson(PrintWriter out, Map<String, Object> value) {
        try {
            out.println(JSON.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String pad(String title) {
        return String.format(Locale.ROOT, "%-34s", title);
    }
}
