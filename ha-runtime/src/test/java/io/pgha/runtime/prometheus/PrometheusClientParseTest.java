package io.pgha.runtime.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.testsupport.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prometheus's answers as a `pgha up` stack's Prometheus (2.53, Debian's package) gave them, recorded. */
class PrometheusClientParseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRangeAnswerIsOneSeriesPerLineWithItsSamplesOldestFirst() {
        List<Series> lag = PrometheusClient.parse(answer("range-replication-lag.json"));

        assertThat(lag).extracting(s -> s.label("application_name")).containsExactly("pg-1", "pg-2");
        assertThat(lag.getFirst().samples())
                .extracting(Series.Sample::at)
                .containsExactly(
                        Instant.ofEpochSecond(1796425925),
                        Instant.ofEpochSecond(1796425940),
                        Instant.ofEpochSecond(1796425955));
        assertThat(lag.getFirst().samples()).extracting(Series.Sample::value).containsOnly(0.0);
    }

    @Test
    void rateValuesAreReadDespitePromQlInfoWarnings() {
        List<Series> transactions = PrometheusClient.parse(answer("range-transactions.json"));

        assertThat(transactions).extracting(s -> s.label("member")).containsExactly("pg-0", "pg-1", "pg-2");
        assertThat(transactions.getFirst().samples()).hasSize(2);
        assertThat(transactions.getFirst().samples().getLast().value()).isEqualTo(3.4027266666666667);
    }

    @Test
    void anInstantAnswerIsOneSampleASeriesWithItsLabels() {
        List<Series> sessions = PrometheusClient.parse(answer("instant-frontend-sessions.json"));

        assertThat(sessions).extracting(s -> s.label("proxy")).containsExactly("stats", "primary", "replicas");
        assertThat(sessions.get(1).labels()).containsEntry("job", "router").containsEntry("instance", "pg-router:8404");
        assertThat(sessions.getFirst().samples())
                .containsExactly(new Series.Sample(Instant.ofEpochMilli(1796425932408L), 1.0));
    }

    @Test
    void notANumberIsLeftOutRatherThanDrawnAsZero() throws Exception {
        JsonNode root = JSON.readTree("""
                {"status":"success","data":{"resultType":"matrix","result":[{"metric":{"member":"pg-0"},
                 "values":[[1796425925,"NaN"],[1796425940,"+Inf"],[1796425955,"7"]]}]}}""");

        assertThat(PrometheusClient.parse(root).getFirst().samples())
                .extracting(Series.Sample::value)
                .containsExactly(7.0);
    }

    @Test
    void targetsAreEachExporterTheRouterAndPrometheusWithTheirHealth() {
        List<Map<String, String>> targets = PrometheusClient.parseTargets(answer("targets.json"));

        assertThat(targets)
                .extracting(t -> t.get("job") + " " + t.get("instance"))
                .containsExactlyInAnyOrder(
                        "postgres pg-0-exporter:9187",
                        "postgres pg-1-exporter:9187",
                        "postgres pg-2-exporter:9187",
                        "router pg-router:8404",
                        "prometheus 127.0.0.1:9090");
        assertThat(targets)
                .allSatisfy(t -> assertThat(t).containsEntry("health", "up").containsEntry("lastError", ""));
    }

    private static JsonNode answer(String file) {
        try {
            return JSON.readTree(Fixtures.read("prometheus/" + file));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
