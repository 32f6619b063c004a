package io.pgha.runtime.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An application under test: writes one numbered row every 50 ms through the write port ({@code connect}),
 * reconnecting after an error, and records which writes were acknowledged and when, and which failed.
 */
public final class NumberedWriter implements AutoCloseable {

    public final List<Long> ids = new CopyOnWriteArrayList<>();
    public final List<Long> acknowledged = new CopyOnWriteArrayList<>();
    public final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private final Callable<Connection> connect;
    private final String table;

    public NumberedWriter(String table, Callable<Connection> connect) {
        this.table = table;
        this.connect = connect;
        this.thread = Thread.ofPlatform().name(table + "-writer").daemon().start(this::loop);
    }

    private void loop() {
        Connection c = null;
        long n = 0;
        while (running.get()) {
            long next = System.nanoTime() + 50_000_000L;
            try {
                if (c == null) {
                    c = connect.call();
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE TABLE IF NOT EXISTS " + table + " (n bigint PRIMARY KEY)");
                    }
                }
                n++;
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO " + table + " VALUES (" + n + ")");
                }
                ids.add(n);
                acknowledged.add(System.nanoTime());
            } catch (Exception e) {
                failures.add(String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
                close(c);
                c = null;
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(wait)); // the writer's pace, not a synchronisation
                } catch (InterruptedException e) {
                    break;
                }
            }
        }
        close(c);
    }

    public void awaitFirst() {
        org.awaitility.Awaitility.await("a first acknowledged write")
                .atMost(Duration.ofSeconds(20))
                .until(() -> !acknowledged.isEmpty());
    }

    /** The longest time between two acknowledgements (or from {@code from} to the first, the last to {@code to}). */
    public Duration longestGap(long from, long to) {
        long previous = from;
        long longest = 0;
        for (long t : acknowledged) {
            if (t > from && t <= to) {
                longest = Math.max(longest, t - previous);
                previous = t;
            }
        }
        return Duration.ofNanos(Math.max(longest, to - previous));
    }

    /** The numbers of the rows the table holds, read on {@code c}. */
    public Set<Long> present(Connection c) throws SQLException {
        Set<Long> present = new HashSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT n FROM " + table)) {
            while (rs.next()) {
                present.add(rs.getLong(1));
            }
        }
        return present;
    }

    public void stop() throws InterruptedException {
        running.set(false);
        thread.join(Duration.ofSeconds(10));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // already broken
            }
        }
    }
}
