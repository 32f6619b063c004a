package io.pgha.runtime.dcs;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An etcd user and its password in one file, {@code USER:PASSWORD} on one line (etcdctl's {@code --user} form), so that
 * a password never appears on a command line or in a container's environment: the supervisor reads its login from such
 * a file in the stack's secrets (e.g. /run/pgha/secrets/etcd-supervisor), which the stack writes with {@link #text}.
 */
public final class EtcdCredentialsFile {

    /** A user and its password; the password never shows in {@link #toString()}. */
    public record Login(String user, String password) {
        @Override
        public String toString() {
            return "Login[" + user + "]";
        }
    }

    private EtcdCredentialsFile() {}

    /** The file's text for this login. */
    public static String text(String user, String password) {
        if (user.isEmpty() || user.contains(":") || user.contains("\n")) {
            throw new IllegalArgumentException("an etcd user name for a credentials file has no ':' or line break");
        }
        if (password.isEmpty() || password.contains("\n")) {
            throw new IllegalArgumentException("an etcd password for a credentials file is one non-empty line");
        }
        return user + ":" + password + "\n";
    }

    /** The login in {@code text}: the user before the first ':', the password after it. */
    public static Login parse(String text, String source) {
        String line = text.strip();
        int colon = line.indexOf(':');
        if (line.contains("\n") || colon <= 0 || colon == line.length() - 1) {
            throw PghaException.invalidInput(
                    source + " must hold one line USER:PASSWORD (the etcd user and its password)");
        }
        return new Login(line.substring(0, colon), line.substring(colon + 1));
    }

    public static Login read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw PghaException.invalidInput("cannot read the etcd credentials file " + file + ": " + e);
        }
    }

    /**
     * The login in {@code credentialsFile} (if any) with the TLS files, as the etcd adapter takes them; empty when
     * nothing is given (plain HTTP, no user).
     */
    public static Optional<EtcdAuth> auth(
            Optional<Path> credentialsFile,
            Optional<String> caFile,
            Optional<String> certFile,
            Optional<String> keyFile) {
        Optional<Login> login = credentialsFile.map(EtcdCredentialsFile::read);
        if (login.isEmpty() && caFile.isEmpty() && certFile.isEmpty() && keyFile.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EtcdAuth(login.map(Login::user), login.map(Login::password), caFile, certFile, keyFile));
    }
}
