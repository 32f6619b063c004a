package io.pgha.runtime.monitor;

import io.pgha.runtime.postgres.PgLogin;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The PostgreSQL login the monitor's probes use: the superuser in the cluster directory's
 * {@code .env.postgres} (the same KEY=value file the stack's containers read), when there is one.
 */
public final class ProbeLogins {

    public static final String FILE = ".env.postgres";

    private ProbeLogins() {
    }

    public static Optional<PgLogin> fromClusterDir(Path clusterDir) {
        return fromEnvFile(clusterDir.resolve(FILE));
    }

    public static Optional<PgLogin> fromEnvFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties env = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            env.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        String user = env.getProperty("PGUSER_SUPERUSER");
        String password = env.getProperty("PGPASSWORD_SUPERUSER");
        return user == null || password == null ? Optional.empty() : Optional.of(new PgLogin(user.strip(), password.strip(), "postgres"));
    }
}
