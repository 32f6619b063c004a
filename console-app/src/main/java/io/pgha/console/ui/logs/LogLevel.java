package io.pgha.console.ui.logs;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The severity a log line states about itself. The stream it came on says nothing: Patroni and etcd write
 * every line, INFO included, to stderr.
 */
public enum LogLevel {
    ERROR,
    WARN,
    INFO,
    DEBUG,
    /** No level found (a continuation line, a banner): shown plain. */
    NONE;

    /** Only the head of a line holds its level; a long message is not scanned. */
    private static final int HEAD = 200;
    /**
     * Where the stack's programs put the level: etcd's JSON ({@code "level":"warn"}), logfmt
     * ({@code level=info}, the exporter), HAProxy's {@code [WARNING]}, and an upper-case word and a colon
     * (Patroni's {@code INFO:}, PostgreSQL's {@code LOG:  } and {@code FATAL:  }, the supervisor's logback
     * {@code WARN }).
     */
    private static final Pattern LEVEL = Pattern.compile(
            "\"level\"\\s*:\\s*\"([A-Za-z]+)\"|\\blevel=\"?([A-Za-z]+)|\\[([A-Z]+)]|\\b([A-Z]{3,8})(?::|\\s{1,2}(?=\\S))");

    public static LogLevel of(String line) {
        Matcher m = LEVEL.matcher(line.length() > HEAD ? line.substring(0, HEAD) : line);
        while (m.find()) {
            for (int group = 1; group <= 4; group++) {
                if (m.group(group) != null) {
                    LogLevel level = named(m.group(group));
                    if (level != NONE) {
                        return level;
                    }
                }
            }
        }
        return NONE;
    }

    /** Only the words programs print as levels count; any other upper-case word is part of the message. */
    private static LogLevel named(String word) {
        return switch (word.toUpperCase(Locale.ROOT)) {
            case "PANIC", "FATAL", "CRITICAL", "CRIT", "ALERT", "EMERG", "SEVERE", "ERROR" -> ERROR;
            case "WARNING", "WARN" -> WARN;
            case "INFO", "NOTICE", "LOG" -> INFO;
            case "DEBUG", "TRACE" -> DEBUG;
            default -> NONE;
        };
    }
}
