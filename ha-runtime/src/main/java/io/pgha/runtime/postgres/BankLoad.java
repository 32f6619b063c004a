package io.pgha.runtime.postgres;

import io.pgha.runtime.PghaException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bank workload (Jepsen's): {@code accounts} accounts of one run with a known total, transfers between two of them in
 * SERIALIZABLE transactions through the write ports, and a reader that sums every balance through the write ports and
 * through the read port in turn. A sum other than the starting total, or a number of accounts other than the starting
 * one, is a violation; a serialization failure or deadlock is retried, and a broken connection is replaced (a transfer
 * whose commit was not answered may or may not have happened: either way the total holds).
 */
public final class BankLoad implements AutoCloseable {

    /** The table of every run (its rows carry the run's name); a chaos run drops it at the end. */
    public static final String TABLE = "pgha_chaos_bank";

    public static final long BALANCE = 1000;

    private final String host;
    private final List<Integer> writePorts;
    private final int readPort;
    private final String user;
    private final String password;
    private final Optional<String> rootCert;
    private final String run;
    private final int accounts;
    private final int transferers;
    private final AtomicLong transfers = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong writeReads = new AtomicLong();
    private final AtomicLong readPortReads = new AtomicLong();
    private final AtomicLong violations = new AtomicLong();
    private final List<String> violationNotes = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public BankLoad(
            String host,
            List<Integer> writePorts,
            int readPort,
            String user,
            String password,
            Optional<String> rootCert,
            String run,
            int accounts,
            int transferers) {
        this.host = host;
        this.writePorts = List.copyOf(writePorts);
        this.readPort = readPort;
        this.user = user;
        this.password = password;
        this.rootCert = rootCert;
        this.run = run;
        this.accounts = accounts;
        this.transferers = transferers;
    }

    public long total() {
        return accounts * BALANCE;
    }

    /**
     * Creates the table and the run's accounts through the write ports, then waits until the read port sees them all
     * (a replica may lag a little), each within {@code timeout}.
     */
    public void prepare(Duration timeout) {
        retrying("create the bank's accounts", timeout, true, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                        + " (run text NOT NULL, id int NOT NULL, balance bigint NOT NULL, PRIMARY KEY (run, id))");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
                    + " (run, id, balance) SELECT ?, g, ? FROM generate_series(1, ?) g ON CONFLICT DO NOTHING")) {
                ps.setString(1, run);
                ps.setLong(2, BALANCE);
                ps.setInt(3, accounts);
                ps.executeUpdate();
            }
            return true;
        });
        retrying("see the bank's accounts through the read port", timeout, false, c -> sum(c).accounts() == accounts);
    }

    public void start() {
        running = true;
        for (int i = 0; i < transferers; i++) {
            threads.add(daemon(this::transferUntilStopped, "pgha-chaos-bank-" + i));
        }
        threads.add(daemon(this::readUntilStopped, "pgha-chaos-bank-reader"));
    }

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void transferUntilStopped() {
        Connection c = null;
        while (running) {
            try {
                if (c == null) {
                    c = connect(true);
                    c.setAutoCommit(false);
                    c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                }
                transfer(c);
                transfers.incrementAndGet();
                WriteLoad.pause(25);
            } catch (SQLException e) {
                if (PostgresErrors.isSerializationFailure(e) && rollback(c)) {
                    retries.incrementAndGet();
                } else {
                    WriteLoad.closeQuietly(c);
                    c = null;
                    WriteLoad.pause(ThreadLocalRandom.current().nextInt(20, 51));
                }
            }
        }
        WriteLoad.closeQuietly(c);
    }

    private void transfer(Connection c) throws SQLException {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int from = r.nextInt(1, accounts + 1);
        int to = 1 + (from + r.nextInt(0, accounts - 1)) % accounts;
        long amount = r.nextLong(1, 50);
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE " + TABLE + " SET balance = balance + ? WHERE run = ? AND id = ?")) {
            ps.setLong(1, -amount);
            ps.setString(2, run);
            ps.setInt(3, from);
            ps.executeUpdate();
            ps.setLong(1, amount);
            ps.setInt(3, to);
            ps.executeUpdate();
        }
        c.commit();
    }

    private static boolean rollback(Connection c) {
        try {
            c.rollback();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void readUntilStopped() {
        boolean throughWritePorts = true;
        while (running) {
            try (Connection c = connect(throughWritePorts)) {
                Sum s = sum(c);
                (throughWritePorts ? writeReads : readPortReads).incrementAndGet();
                if (s.accounts() != accounts || s.total() != total()) {
                    violation(s, throughWritePorts);
                }
            } catch (SQLException e) {
                // unavailable for now; the outage is measured by the append workload
            }
            throughWritePorts = !throughWritePorts;
            WriteLoad.pause(250);
        }
    }

    private synchronized void violation(Sum s, boolean throughWritePorts) {
        violations.incrementAndGet();
        if (violationNotes.size() < 20) {
            violationNotes.add("read through the " + (throughWritePorts ? "write" : "read") + " port at "
                    + System.currentTimeMillis() + ": " + s.accounts() + " accounts, total " + s.total()
                    + " (expected " + accounts + ", " + total() + ")");
        }
    }

    record Sum(int accounts, long total) {}

    private Sum sum(Connection c) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT count(*), coalesce(sum(balance), 0) FROM " + TABLE + " WHERE run = ?")) {
            ps.setString(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Sum(rs.getInt(1), rs.getLong(2));
            }
        }
    }

    public long transfers() {
        return transfers.get();
    }

    public long serializationRetries() {
        return retries.get();
    }

    /** Sums read through the write ports and through the read port. */
    public long reads() {
        return writeReads.get() + readPortReads.get();
    }

    public long readPortReads() {
        return readPortReads.get();
    }

    public long violations() {
        return violations.get();
    }

    public synchronized List<String> violationNotes() {
        return List.copyOf(violationNotes);
    }

    /** Drops the bank's table; false when no primary answered in time. */
    public boolean dropTable(Duration timeout) {
        try {
            return retrying("drop the bank's table", timeout, true, c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS " + TABLE);
                }
                return true;
            });
        } catch (PghaException e) {
            return false;
        }
    }

    private interface Step {
        boolean apply(Connection c) throws SQLException;
    }

    private boolean retrying(String what, Duration timeout, boolean throughWritePorts, Step step) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try (Connection c = connect(throughWritePorts)) {
                if (step.apply(c)) {
                    return true;
                }
            } catch (SQLException e) {
                last = e.getMessage();
            }
            WriteLoad.pause(200);
        }
        throw PghaException.unavailable(
                "could not " + what + " within " + timeout.toSeconds() + " s" + (last.isEmpty() ? "" : ": " + last));
    }

    private Connection connect(boolean throughWritePorts) throws SQLException {
        Duration connectTimeout = Duration.ofSeconds(1);
        Duration statementTimeout = Duration.ofSeconds(2);
        if (!throughWritePorts) {
            return PgConnections.open(
                    host, readPort, "postgres", user, password, connectTimeout, statementTimeout, rootCert);
        }
        return PgConnections.openForWrites(
                host, writePorts, "postgres", user, password, connectTimeout, statementTimeout, rootCert);
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
}
