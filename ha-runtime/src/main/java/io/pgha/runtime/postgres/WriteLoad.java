package io.pgha.runtime.postgres;

import io.pgha.runtime.PghaException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writers that insert numbered rows through the router's write port, as an application would: a short
 * connect timeout, a new connection after any error, a retry every 20–50 ms. Every acknowledged id is
 * kept with the moment of its acknowledgement and the server that acknowledged it.
 */
public final class WriteLoad implements AutoCloseable {

    /** One acknowledged insert. */
    public record Ack(long id, long atNanos, String serverAddress) {}

    public static final String TABLE = "pgha_drill";

    private final String host;
    private final List<Integer> ports;
    private final String user;
    private final String password;
    private final String run;
    private final int writers;
    private final java.util.Optional<String> rootCert;
    private final String table;
    private final boolean keyed;
    private final AtomicLong nextId = new AtomicLong(1);
    private final List<Ack> acks = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public WriteLoad(String host, int port, String user, String password, String run, int writers) {
        this(host, port, user, password, run, writers, java.util.Optional.empty());
    }

    /** With {@code rootCert}, the cluster CA's certificate, the server is verified (verify-full). */
    public WriteLoad(
            String host,
            int port,
            String user,
            String password,
            String run,
            int writers,
            java.util.Optional<String> rootCert) {
        this(host, List.of(port), user, password, run, writers, rootCert);
    }

    /**
     * Writers with every router's port in one multi-host URL (targetServerType=primary): a dead router's port is
     * skipped on the next connect (docs/decisions/0030).
     */
    public WriteLoad(
            String host,
            List<Integer> ports,
            String user,
            String password,
            String run,
            int writers,
            java.util.Optional<String> rootCert) {
        this(host, ports, user, password, run, writers, rootCert, TABLE, true);
    }

    private WriteLoad(
            String host,
            List<Integer> ports,
            String user,
            String password,
            String run,
            int writers,
            java.util.Optional<String> rootCert,
            String table,
            boolean keyed) {
        this.table = table;
        this.keyed = keyed;
        this.rootCert = rootCert;
        this.host = host;
        this.ports = List.copyOf(ports);
        this.user = user;
        this.password = password;
        this.run = run;
        this.writers = writers;
    }

    /**
     * The same writers on a table of their own without a key on (run, id), so that a row stored twice can be seen
     * (the chaos run's append workload, docs/decisions/0032).
     */
    public WriteLoad inUnkeyedTable(String name) {
        return new WriteLoad(host, ports, user, password, run, writers, rootCert, name, false);
    }

    /** Creates the drill table if needed (waiting up to {@code timeout} for a writable primary). */
    public void prepare(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = connect();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + table
                        + " (run text NOT NULL, id bigint NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp()"
                        + (keyed ? ", PRIMARY KEY (run, id))" : ")"));
                return;
            } catch (SQLException e) {
                last = e;
                pause(200);
            }
        }
        throw PghaException.unavailable(
                "no writable primary on " + host + ":" + ports + " within " + timeout.toSeconds() + " s ("
                        + (last == null ? "" : last.getMessage()) + "); is the cluster healthy?",
                last);
    }

    public void start() {
        running = true;
        for (int i = 0; i < writers; i++) {
            Thread t = new Thread(this::writeUntilStopped, "pgha-drill-writer-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void writeUntilStopped() {
        Connection c = null;
        String server = "?";
        while (running) {
            try {
                if (c == null) {
                    c = connect();
                    server = serverAddress(c);
                }
                long id = nextId.getAndIncrement();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (run, id) VALUES (?, ?)")) {
                    ps.setString(1, run);
                    ps.setLong(2, id);
                    ps.executeUpdate();
                }
                long at = System.nanoTime();
                synchronized (acks) {
                    acks.add(new Ack(id, at, server));
                }
                pause(20);
            } catch (SQLException e) {
                closeQuietly(c);
                c = null;
                pause(ThreadLocalRandom.current().nextInt(20, 51));
            }
        }
        closeQuietly(c);
    }

    /**
     * How many ids were handed to writers so far: every id below {@code idsIssued() + 1} was sent before this call, every
     * later one after it (a point-in-time drill's boundary).
     */
    public long idsIssued() {
        return nextId.get() - 1;
    }

    public List<Ack> acks() {
        synchronized (acks) {
            List<Ack> copy = new ArrayList<>(acks);
            copy.sort(Comparator.comparingLong(Ack::atNanos));
            return copy;
        }
    }

    /** The ids of this run that the current primary has, to compare with the acknowledged ones. */
    public Set<Long> storedIds(Duration timeout) {
        return new HashSet<>(storedCounts(timeout).keySet());
    }

    /** How many rows of each id of this run the current primary has (more than one: a write stored twice). */
    public Map<Long, Long> storedCounts(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = connect();
                    PreparedStatement ps =
                            c.prepareStatement("SELECT id, count(*) FROM " + table + " WHERE run = ? GROUP BY id")) {
                ps.setString(1, run);
                Map<Long, Long> ids = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.put(rs.getLong(1), rs.getLong(2));
                    }
                }
                return ids;
            } catch (SQLException e) {
                last = e;
                pause(200);
            }
        }
        throw PghaException.unavailable(
                "cannot read back the drill's rows within " + timeout.toSeconds() + " s: "
                        + (last == null ? "" : last.getMessage()),
                last);
    }

    /** Drops this load's table (a chaos run leaves nothing behind); false when no primary answered in time. */
    public boolean dropTable(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = connect();
                    Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
                return true;
            } catch (SQLException e) {
                pause(200);
            }
        }
        return false;
    }

    Connection connect() throws SQLException {
        return PgConnections.openForWrites(
                host, ports, "postgres", user, password, Duration.ofSeconds(1), Duration.ofSeconds(2), rootCert);
    }

    private static String serverAddress(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT host(inet_server_addr())")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the connection is already broken
            }
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis); // pacing of a load loop, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
