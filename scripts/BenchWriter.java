// The writers of scripts/bench-day-two.sh: WRITERS threads, each inserting one numbered row every PACE_MS through the
// write port (reconnecting after an error), logging every acknowledgement and failure with its wall-clock time, until
// STOP_FILE exists or MAX_SECONDS passed.
//   java -cp 'pgha-cli/target/lib/*' scripts/BenchWriter.java LOGIN_PROPERTIES LOG STOP_FILE [WRITERS] [PACE_MS] [MAX_SECONDS]
// LOGIN_PROPERTIES (owner-only): url, user, password, sslrootcert. LOG lines: "a WRITER N MICROS" for a committed and
// acknowledged INSERT, "f WRITER N MICROS MESSAGE" for a failed one (MICROS: microseconds since the epoch). The table
// bench_writes (w int, n bigint, primary key (w, n)) must exist.
import java.io.FileReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Properties;

public class BenchWriter {
    static PrintWriter log;

    public static void main(String[] args) throws Exception {
        Properties login = new Properties();
        try (FileReader r = new FileReader(args[0])) {
            login.load(r);
        }
        log = new PrintWriter(Files.newBufferedWriter(Path.of(args[1])));
        Path stop = Path.of(args[2]);
        int writers = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        long pace = args.length > 4 ? Long.parseLong(args[4]) : 10;
        long deadline = System.nanoTime() + (args.length > 5 ? Long.parseLong(args[5]) : 3600) * 1_000_000_000L;
        Properties p = new Properties();
        p.setProperty("user", login.getProperty("user"));
        p.setProperty("password", login.getProperty("password"));
        p.setProperty("sslmode", "verify-full");
        p.setProperty("sslrootcert", login.getProperty("sslrootcert"));
        p.setProperty("connectTimeout", "2");
        p.setProperty("socketTimeout", "5");
        String url = login.getProperty("url");
        Thread[] threads = new Thread[writers];
        for (int i = 0; i < writers; i++) {
            int w = i;
            threads[i] = Thread.ofPlatform().start(() -> loop(w, url, p, stop, pace, deadline));
        }
        for (Thread t : threads) {
            t.join();
        }
        synchronized (log) {
            log.flush();
        }
    }

    static void loop(int w, String url, Properties p, Path stop, long pace, long deadline) {
        Connection c = null;
        PreparedStatement insert = null;
        long n = 0;
        while (!Files.exists(stop) && System.nanoTime() < deadline) {
            long next = System.nanoTime() + pace * 1_000_000L;
            n++;
            try {
                if (c == null) {
                    c = DriverManager.getConnection(url, p);
                    insert = c.prepareStatement("INSERT INTO bench_writes (w, n) VALUES (?, ?)");
                }
                insert.setInt(1, w);
                insert.setLong(2, n);
                insert.executeUpdate();
                write("a " + w + " " + n + " " + micros());
            } catch (Exception e) {
                write("f " + w + " " + n + " " + micros() + " "
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
                try {
                    if (c != null) {
                        c.close();
                    }
                } catch (Exception ignored) {
                    // already broken
                }
                c = null;
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L)); // the writers' pace
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    static long micros() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    static void write(String line) {
        synchronized (log) {
            log.println(line);
            log.flush();
        }
    }
}
