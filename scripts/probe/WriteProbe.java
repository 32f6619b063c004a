import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Properties;

/**
 * A plain client for the failover benchmarks (docs/BENCHMARKS.md): one pgjdbc connection through a router's write
 * port, an insert every 20 ms, 1 s connect and 2 s login and socket timeouts, a new connection after any error. It logs
 * each failure with how long it took and the first acknowledged insert after failures, with the wall clock, so that
 * its lines can be read beside the stack's logs. Args: JDBC URL, milliseconds to run after it is ready.
 */
public class WriteProbe {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        Properties p = new Properties();
        p.setProperty("connectTimeout", "1");
        p.setProperty("loginTimeout", "2");
        p.setProperty("socketTimeout", "2");
        p.setProperty("targetServerType", "primary");
        p.setProperty("hostRecheckSeconds", "1");
        Properties patient = new Properties();
        patient.putAll(p);
        patient.setProperty("loginTimeout", "20");
        patient.setProperty("connectTimeout", "10");
        try (Connection c = DriverManager.getConnection(url, patient);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS pgha_write_probe (id bigint)");
        }
        System.out.println(Instant.now() + " ready");
        long until = System.currentTimeMillis() + Long.parseLong(args[1]);
        Connection c = null;
        boolean failing = false;
        long n = 0;
        while (System.currentTimeMillis() < until) {
            long t0 = System.currentTimeMillis();
            try {
                if (c == null) {
                    c = DriverManager.getConnection(url, p);
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO pgha_write_probe VALUES (?)")) {
                    ps.setLong(1, n++);
                    ps.executeUpdate();
                }
                if (failing) {
                    System.out.println(Instant.now() + " acknowledged after failures (this insert took "
                            + (System.currentTimeMillis() - t0) + " ms)");
                    failing = false;
                }
                Thread.sleep(20); // the load's pace
            } catch (SQLException e) {
                String m = String.valueOf(e.getMessage()).replace('\n', ' ');
                System.out.println(Instant.now() + " failed after " + (System.currentTimeMillis() - t0) + " ms: "
                        + e.getSQLState() + " " + m.substring(0, Math.min(140, m.length())));
                failing = true;
                try {
                    if (c != null) {
                        c.close();
                    }
                } catch (SQLException ignored) {
                    // closing a broken connection
                }
                c = null;
                Thread.sleep(30); // the load's pace
            }
        }
    }
}
