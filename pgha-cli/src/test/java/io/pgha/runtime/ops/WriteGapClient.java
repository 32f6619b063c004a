package io.pgha.runtime.ops;

import io.pgha.runtime.testsupport.PgClient;
import io.pgha.runtime.testsupport.RepoPaths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An application writing through the router's write port every 50 ms, reconnecting after any error, that
 * remembers when each write was acknowledged (and each error): the longest gap between two acknowledgements
 * is the write outage it saw.
 */
final class WriteGapClient implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMillis(50);
    /** A failed write or connection attempt: when it ended, and the error's first line. */
    record Failure(long at, String error) {}

    private final List<Long> acknowledged = new CopyOnWriteArrayList<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    WriteGapClient() {
        thread = Thread.ofPlatform().name("write-gap-client").daemon().start(this::loop);
    }

    private void loop() {
        Connection c = null;
        while (running.get()) {
            long next = System.nanoTime() + INTERVAL.toNanos();
            try {
                if (c == null) {
                    c = connect();
                    PgClient.execute(
                            c,
                            "CREATE TABLE IF NOT EXISTS write_gap (id bigserial PRIMARY KEY, at timestamptz DEFAULT now())");
                }
                PgClient.execute(c, "INSERT INTO write_gap DEFAULT VALUES");
                acknowledged.add(System.nanoTime());
            } catch (Exception e) {
                String m = e.getMessage() == null
                        ? e.getClass().getSimpleName()
                        : e.getMessage().lines().findFirst().orElse("");
                failures.add(new Failure(System.nanoTime(), m));
                close(c);
                c = null;
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(wait));
                } catch (InterruptedException e) {
                    break;
                }
            }
        }
        close(c);
    }

    /**
     * Short deadlines, as an application that expects failovers sets them: a connection attempt caught while the
     * router has no primary gives up after 2 s instead of pgjdbc's defaults (no connect, login or socket timeout).
     */
    private static Connection connect() throws java.sql.SQLException {
        Properties p = PgClient.credentials(RepoPaths.stackDir().resolve(".env.postgres"));
        p.setProperty("connectTimeout", "1");
        p.setProperty("loginTimeout", "2");
        p.setProperty("socketTimeout", "2");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PgClient.WRITE_PORT + "/postgres", p);
    }

    /** Nanotime now, to mark the start of a measured window. */
    long mark() {
        return System.nanoTime();
    }

    /** How many writes were acknowledged after the mark. */
    long acknowledgedSince(long mark) {
        return acknowledged.stream().filter(t -> t > mark).count();
    }

    /** The longest time without an acknowledged write between the two marks (the last write before 'from' counts). */
    Duration longestGap(long from, long to) {
        List<Long> window = new ArrayList<>();
        Long before = null;
        for (long t : acknowledged) {
            if (t <= from) {
                before = t;
            } else if (t <= to) {
                window.add(t);
            }
        }
        long previous = before == null ? from : before;
        long longest = 0;
        for (long t : window) {
            longest = Math.max(longest, t - previous);
            previous = t;
        }
        return Duration.ofNanos(Math.max(longest, to - previous));
    }

    /** The distinct errors seen between the two marks, in order. */
    List<String> errors(long from, long to) {
        return failures.stream()
                .filter(f -> f.at() > from && f.at() <= to)
                .map(Failure::error)
                .distinct()
                .toList();
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // the connection is gone anyway
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5000);
    }
}
