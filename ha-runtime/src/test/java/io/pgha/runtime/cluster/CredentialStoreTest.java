package io.pgha.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {

    @Test
    void passwordsAreStrongDistinctAndNeverShownByToString() {
        StackCredentials c = StackCredentials.generate("postgres", "standby", "admin");
        assertThat(c.superuser().password()).hasSize(32).matches("[A-Za-z0-9]+");
        assertThat(c.superuser().password())
                .isNotEqualTo(c.replication().password())
                .isNotEqualTo(c.admin().password());
        assertThat(StackCredentials.generate("postgres", "standby", "admin")
                        .superuser()
                        .password())
                .isNotEqualTo(c.superuser().password());
        assertThat(c.toString())
                .doesNotContain(
                        c.superuser().password(),
                        c.replication().password(),
                        c.admin().password());
    }

    @Test
    void storedForTheOwnerOnly(@TempDir Path root) throws IOException {
        CredentialStore store = new CredentialStore(root);
        StackCredentials c = StackCredentials.generate("postgres", "standby", "admin");
        store.save("shop", c);
        assertThat(store.get("shop")).isEqualTo(c);
        Path file = store.file("shop");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(file.getParent().getParent())))
                .isEqualTo("rwx------");
        store.delete("shop");
        assertThat(store.find("shop")).isEmpty();
        assertThatThrownBy(() -> store.get("shop"))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("no credentials are stored");
    }

    @Test
    void credentialsStoredBeforeEtcdHadUsersGetEtcdPasswordsAndKeepTheRest(@TempDir Path root) throws IOException {
        CredentialStore store = new CredentialStore(root);
        StackCredentials c = StackCredentials.generate("postgres", "standby", "admin");
        store.save("shop", c);
        Path file = store.file("shop");
        String json = Files.readString(file);
        assertThat(json).contains("\"etcd\"");
        // as an older pgha wrote it: no etcd passwords
        Files.writeString(file, json.replaceAll(",\\s*\"etcd\"\\s*:\\s*\\{[^}]*}", ""));
        StackCredentials old = store.get("shop");
        assertThat(old.etcd()).isNull();
        assertThat(old.complete()).isFalse();
        StackCredentials completed = old.completed("app", "pgha_monitor", "pgha");
        assertThat(completed.complete()).isTrue();
        assertThat(completed.superuser()).isEqualTo(c.superuser());
        assertThat(completed.router()).isEqualTo(c.router());
        EtcdPasswords etcd = completed.etcd();
        assertThat(java.util.List.of(etcd.root(), etcd.patroni(), etcd.supervisor(), etcd.pgha()))
                .allSatisfy(p -> assertThat(p).hasSize(32))
                .doesNotHaveDuplicates();
        assertThat(etcd.toString()).doesNotContain(etcd.root());
        assertThat(completed.toString()).doesNotContain(etcd.root());
    }
}
