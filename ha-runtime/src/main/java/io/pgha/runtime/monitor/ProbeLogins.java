package io.pgha.runtime.monitor;

import io.pgha.runtime.Api;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ConfigDirs;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.postgres.PgLogin;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The PostgreSQL login the monitor's probes use: for a cluster pgha made, the superuser it generated (the
 * credential store); for an attached one, the login given to {@code pgha attach}, kept in the cluster
 * directory's {@code .env.postgres} (the same KEY=value form the stack's containers read).
 */
@Api
public final class ProbeLogins {

    public static final String FILE = ".env.postgres";

    private ProbeLogins() {}

    /**
     * The login, if pgha has one; an unreadable credential file means none (the probes still run, without). For a cluster
     * pgha made: its pg_monitor role (the superuser on a stack made before there was one), verifying the server against
     * the cluster's CA when it has one.
     */
    public static Optional<PgLogin> forCluster(String name) {
        Optional<PgLogin> provisioned;
        try {
            provisioned = new CredentialStore()
                    .find(name)
                    .map(c -> c.monitor() != null ? c.monitor() : c.superuser())
                    .map(l -> new PgLogin(l.user(), l.password(), "postgres", caFile(name)));
        } catch (PghaException unreadable) {
            provisioned = Optional.empty();
        }
        return provisioned.or(() -> fromClusterDir(ConfigDirs.cluster(name)));
    }

    /** The cluster CA's certificate pgha keeps for a cluster it made, if it made one. */
    public static Optional<String> caFile(String name) {
        Path ca = ConfigDirs.cluster(name).resolve("pki").resolve("ca.crt");
        return Files.isRegularFile(ca) ? Optional.of(ca.toString()) : Optional.empty();
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
        return user == null || password == null
                ? Optional.empty()
                : Optional.of(new PgLogin(user.strip(), password.strip(), "postgres"));
    }
}
