package io.pgha.runtime.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PgConnectionsTest {

    @Test
    void onlyThisMachinesLoopbackGoesWithoutTls() {
        assertThat(PgConnections.isLoopback("127.0.0.1")).isTrue();
        assertThat(PgConnections.isLoopback("localhost")).isTrue();
        assertThat(PgConnections.isLoopback("::1")).isTrue();
        assertThat(PgConnections.isLoopback("db.example.com")).isFalse();
        assertThat(PgConnections.isLoopback("10.0.0.5")).isFalse();
        assertThat(PgConnections.isLoopback("pg-0")).isFalse();
    }
}
