package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SuperviseCommandTest {

    @TempDir
    Path dir;

    private static SuperviseCommand parse(String... args) {
        SuperviseCommand c = new SuperviseCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void withoutEtcdOptionsEtcdIsPlainAndAnonymous() {
        assertThat(parse().etcdAuth()).isEmpty();
    }

    @Test
    void theLoginComesFromTheCredentialsFileAndTheCaFromItsOption() throws Exception {
        Path login = dir.resolve("etcd-supervisor");
        Files.writeString(login, "pgha-supervisor:s3cret\n");
        EtcdAuth auth = parse("--etcd-ca", "/run/pgha/tls/ca.crt", "--etcd-credentials-file", login.toString())
                .etcdAuth()
                .orElseThrow();
        assertThat(auth.user()).contains("pgha-supervisor");
        assertThat(auth.password()).contains("s3cret");
        assertThat(auth.caFile()).contains("/run/pgha/tls/ca.crt");
        assertThat(auth.certFile()).isEmpty();
    }

    @Test
    void thereIsNoOptionThatTakesThePasswordItself() {
        CommandLine cl = new CommandLine(new SuperviseCommand());
        assertThat(cl.getCommandSpec().options())
                .allSatisfy(o -> assertThat(String.join(",", o.names())).doesNotContain("password"));
        assertThatThrownBy(() -> cl.parseArgs("--etcd-password", "x"))
                .isInstanceOf(CommandLine.UnmatchedArgumentException.class);
    }

    @Test
    void aClientCertificateNeedsItsKey() {
        assertThatThrownBy(() -> parse("--etcd-cert", "/c.crt").etcdAuth())
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("--etcd-key");
    }
}
