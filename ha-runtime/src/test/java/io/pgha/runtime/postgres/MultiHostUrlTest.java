package io.pgha.runtime.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MultiHostUrlTest {

    @Test
    void everyRoutersPortOnTheHostInOrder() {
        assertThat(PgConnections.multiHostUrl("127.0.0.1", List.of(5000, 5002), "postgres"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5000,127.0.0.1:5002/postgres");
        assertThat(PgConnections.multiHostUrl("127.0.0.1", List.of(5000), "app"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5000/app");
    }
}
