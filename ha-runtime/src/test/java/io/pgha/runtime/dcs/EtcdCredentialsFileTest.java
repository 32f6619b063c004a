package io.pgha.runtime.dcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcdCredentialsFileTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReadsOneLine() throws Exception {
        String text = EtcdCredentialsFile.text("pgha-supervisor", "s3:cr:et");
        assertThat(text).isEqualTo("pgha-supervisor:s3:cr:et\n");
        Path f = dir.resolve("etcd-supervisor");
        Files.writeString(f, text);
        EtcdCredentialsFile.Login login = EtcdCredentialsFile.read(f);
        assertThat(login.user()).isEqualTo("pgha-supervisor");
        assertThat(login.password()).isEqualTo("s3:cr:et");
        assertThat(login.toString()).doesNotContain("s3");
    }

    @Test
    void refusesAFileWithoutUserOrPassword() {
        assertThatThrownBy(() -> EtcdCredentialsFile.parse("just-a-password\n", "f"))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("USER:PASSWORD");
        assertThatThrownBy(() -> EtcdCredentialsFile.parse("user:\n", "f")).isInstanceOf(PghaException.class);
        assertThatThrownBy(() -> EtcdCredentialsFile.parse(":pw\n", "f")).isInstanceOf(PghaException.class);
        assertThatThrownBy(() -> EtcdCredentialsFile.text("a:b", "pw")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingFileSaysWhich() {
        assertThatThrownBy(() -> EtcdCredentialsFile.read(dir.resolve("nope")))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void theLoginAndTlsFilesMakeTheAdaptersAuth() throws Exception {
        Path f = dir.resolve("login");
        Files.writeString(f, "pgha-supervisor:pw\n");
        EtcdAuth auth = EtcdCredentialsFile.auth(
                        Optional.of(f), Optional.of("/run/pgha/tls/ca.crt"), Optional.empty(), Optional.empty())
                .orElseThrow();
        assertThat(auth.user()).contains("pgha-supervisor");
        assertThat(auth.password()).contains("pw");
        assertThat(auth.caFile()).contains("/run/pgha/tls/ca.crt");
        assertThat(EtcdCredentialsFile.auth(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
                .isEmpty();
    }
}
