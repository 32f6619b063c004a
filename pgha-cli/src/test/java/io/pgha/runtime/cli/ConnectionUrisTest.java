package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.cluster.StackCredentials.Login;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The multi-host connection strings of a stack with two routers (docs/decisions/0030). */
class ConnectionUrisTest {

    private static final Login APP = new Login("app", "s3cret");

    @Test
    void libpqNamesBothRoutersAndTheRoleItWants() {
        assertThat(ConnectionUris.conninfo(APP, "127.0.0.1", List.of(5000, 5002), "app", Optional.empty(), true))
                .isEqualTo("host=127.0.0.1,127.0.0.1 port=5000,5002 dbname=app user=app password=s3cret"
                        + " target_session_attrs=read-write");
        assertThat(ConnectionUris.conninfo(
                        APP, "127.0.0.1", List.of(5001, 5003), "app", Optional.of("/home/me/ca.crt"), false))
                .isEqualTo("host=127.0.0.1,127.0.0.1 port=5001,5003 dbname=app user=app password=s3cret"
                        + " target_session_attrs=prefer-standby sslmode=verify-full sslrootcert=/home/me/ca.crt");
    }

    @Test
    void pgjdbcNamesBothRoutersAndTheServerTypeItWants() {
        assertThat(ConnectionUris.jdbc(APP, "127.0.0.1", List.of(5000, 5002), "app", Optional.empty(), true))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5000,127.0.0.1:5002/app?targetServerType=primary"
                        + "&user=app&password=s3cret");
        assertThat(ConnectionUris.jdbc(APP, "127.0.0.1", List.of(5001, 5003), "app", Optional.of("/ca.crt"), false))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5001,127.0.0.1:5003/app?targetServerType=preferSecondary"
                        + "&user=app&password=s3cret&sslmode=verify-full&sslrootcert=%2Fca.crt");
    }

    @Test
    void aKeywordValueWithASpaceOrAQuoteIsQuoted() {
        assertThat(ConnectionUris.quoted("plain")).isEqualTo("plain");
        assertThat(ConnectionUris.quoted("")).isEqualTo("''");
        assertThat(ConnectionUris.quoted("a b")).isEqualTo("'a b'");
        assertThat(ConnectionUris.quoted("it's\\")).isEqualTo("'it\\'s\\\\'");
    }
}
