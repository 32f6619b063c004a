package io.pgha.runtime.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.model.RouterBackend;
import io.pgha.runtime.model.RouterBackend.Status;
import io.pgha.runtime.testsupport.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HaproxyCsvTest {

    @Test
    void oneBackendPerServerRowWithStatusCheckAndSessions() {
        List<RouterBackend> b = HaproxyCsv.parse(Fixtures.read("patroni/haproxy-stats.csv"));
        assertThat(b)
                .extracting(x -> x.listener() + "/" + x.server())
                .containsExactly(
                        "primary/pg-0",
                        "primary/pg-1",
                        "primary/pg-2",
                        "replicas/pg-0",
                        "replicas/pg-1",
                        "replicas/pg-2");
        assertThat(b.get(0)).isEqualTo(new RouterBackend("primary", "pg-0", Status.UP, "L7OK", OptionalLong.of(13), 3));
        assertThat(b.get(1).status()).isEqualTo(Status.DOWN);
        assertThat(b.get(1).checkStatus()).isEqualTo("L7STS");
        assertThat(b.get(2).status()).isEqualTo(Status.MAINT);
        assertThat(b.get(2).checkLatencyMs()).isEmpty();
        assertThat(b.get(3).status()).as("DOWN 1/2 is still down").isEqualTo(Status.DOWN);
        assertThat(b.get(3).checkStatus()).as("'* ' marks a check in progress").isEqualTo("L7STS");
        assertThat(b.get(4).status()).as("UP 1/2 is still up").isEqualTo(Status.UP);
        assertThat(b.get(5).status()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void statusTextsAsHaproxyWritesThem() {
        Map<String, Map<String, String>> t = HaproxyCsv.statusTexts(Fixtures.read("patroni/haproxy-stats.csv"));
        assertThat(t).containsOnlyKeys("primary", "replicas");
        assertThat(t.get("primary")).isEqualTo(Map.of("pg-0", "UP", "pg-1", "DOWN", "pg-2", "MAINT"));
        assertThat(t.get("replicas")).isEqualTo(Map.of("pg-0", "DOWN 1/2", "pg-1", "UP 1/2", "pg-2", "no check"));
        assertThatThrownBy(() -> HaproxyCsv.statusTexts("<html>login</html>"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statusWords() {
        assertThat(HaproxyCsv.status("MAINT (via primary/pg-0)")).isEqualTo(Status.MAINT);
        assertThat(HaproxyCsv.status("DRAIN")).isEqualTo(Status.DRAIN);
        assertThat(HaproxyCsv.status("NOLB")).isEqualTo(Status.NOLB);
        assertThat(HaproxyCsv.status("")).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void somethingElseIsNotStats() {
        assertThatThrownBy(() -> HaproxyCsv.parse("<html>login</html>")).isInstanceOf(IllegalArgumentException.class);
    }
}
