package io.pgha.runtime.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** SQL through the router's published ports, with the credentials of stack/.env.postgres. */
public final class PgClient {

    public static final int WRITE_PORT = 5000;
    public static final int READ_PORT = 5001;

    private PgClient() {}

    public static Properties credentials(Path envFile) {
        Properties env = new Properties();
        try (var in = Files.newBufferedReader(envFile)) {
            env.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties p = new Properties();
        p.setProperty("user", env.getProperty("PGUSER_SUPERUSER", "postgres"));
        p.setProperty("password", env.getProperty("PGPASSWORD_SUPERUSER", "postgres"));
        return p;
    }

    /** A connection with short connect/socket timeouts, as a well-behaved application would use. */
    public static Connection connect(int port) throws SQLException {
        Properties p = credentials(RepoPaths.stackDir().resolve(".env.postgres"));
        p.setProperty("connectTimeout", "3");
        p.setProperty("socketTimeout", "10");
        p.setProperty("loginTimeout", "5");
        p.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
    }

    /** A connection with no client-side timeouts at all: only the server side can end a hang. */
    public static Connection connectWithoutTimeouts(int port) throws SQLException {
        Properties p = credentials(RepoPaths.stackDir().resolve(".env.postgres"));
        p.setProperty("connectTimeout", "0");
        p.setProperty("socketTimeout", "0");
        p.setProperty("loginTimeout", "0");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
    }

    public static String queryOne(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    public static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Where a connection landed: the server's address on the stack network and whether it is a replica. */
    public record Landing(String serverAddress, boolean inRecovery) {}

    public static Landing landing(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT host(inet_server_addr()), pg_is_in_recovery()")) {
            rs.next();
            return new Landing(rs.getString(1), rs.getBoolean(2));
        }
    }
}
