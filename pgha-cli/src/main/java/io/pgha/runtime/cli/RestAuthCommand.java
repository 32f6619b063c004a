package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.RestApiCredentialStore;
import io.pgha.runtime.cluster.RestApiCredentials;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pgha rest-auth}: the credentials of the cluster's Patroni REST API (restapi.authentication). */
@Command(
        name = "rest-auth",
        mixinStandardHelpOptions = true,
        description = {
            "Store the user and password of the cluster's Patroni REST API (restapi.authentication); pgha sends",
            "them with every operation. They are kept in a file only you can read, never in cluster.json."
        })
final class RestAuthCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOption cluster;

    @Option(names = "--user", paramLabel = "USER", description = "the REST API user")
    private String user;

    @Option(
            names = "--password-file",
            paramLabel = "FILE",
            description = "file holding the password (or set PGHA_PATRONI_PASSWORD)")
    private Path passwordFile;

    @Option(names = "--clear", description = "forget the stored credentials")
    private boolean clear;

    @Override
    public Integer call() {
        ClusterConnection c = ClusterChoice.resolve(new ClusterRegistry(), cluster.name());
        RestApiCredentialStore store = new RestApiCredentialStore();
        PrintWriter out = spec.commandLine().getOut();
        if (clear) {
            store.delete(c.name());
            out.println("REST API credentials of " + c.name() + " removed");
        } else {
            if (user == null) {
                throw PghaException.invalidInput("give --user USER and --password-file FILE, or --clear");
            }
            store.save(c.name(), new RestApiCredentials(user, password()));
            out.println(
                    "REST API credentials of " + c.name() + " saved (user " + user + ") in " + store.file(c.name()));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private String password() {
        if (passwordFile != null) {
            return AttachCommand.readSecret(passwordFile);
        }
        String env = System.getenv("PGHA_PATRONI_PASSWORD");
        if (env == null) {
            throw PghaException.invalidInput("give --password-file FILE (or set PGHA_PATRONI_PASSWORD)");
        }
        return env;
    }
}
