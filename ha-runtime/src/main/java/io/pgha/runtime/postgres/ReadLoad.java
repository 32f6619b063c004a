package io.pgha.runtime.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A reader through the router's read port: one query every 50 ms, a new connection after any error. */
public final class ReadLoad implements AutoCloseable {

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final java.util.Optional<String> rootCert;
    private final List<Long> successes = new ArrayList<>();
    private Thread thread;
    private volatile boolean running;

    public ReadLoad(String host, int port, String user, String password) {
        this(host, port, user, password, java.util.Optional.empty());
    }

    /** With {@code rootCert}, the cluster CA's certificate, the server is verified (verify-full). */
    public ReadLoad(String host, int port, String user, String password, java.util.Optional<String> rootCert) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.rootCert = rootCert;
    }

    public void start() {
        running = true;
        thread = new Thread(this::readUntilStopped, "pgha-drill-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void readUntilStopped() {
        Connection c = null;
        while (running) {
            try {
                if (c == null) {
                    c = PgConnections.open(
                            host,
                            port,
                            "postgres",
                            user,
                            password,
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(2),
                            rootCert);
                }
                try (Statement s = c.createStatement()) {
                    s.executeQuery("SELECT 1").close();
                }
                long at = System.nanoTime();
                synchronized (successes) {
                    successes.add(at);
                }
            } catch (SQLException e) {
                WriteLoad.closeQuietly(c);
                c = null;
            }
            WriteLoad.pause(50);
        }
        WriteLoad.closeQuietly(c);
    }

    /** How many reads succeeded between two moments (System.nanoTime()). */
    public long successesBetween(long fromNanos, long toNanos) {
        synchronized (successes) {
            return successes.stream()
                    .filter(t -> t >= fromNanos && t <= toNanos)
                    .count();
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
