package io.pgha.runtime.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryMetricTest {

    @Test
    void linesAreNamedByReplicaMemberOrListener() {
        assertThat(HistoryMetric.REPLICATION_LAG.seriesName(Map.of("application_name", "pg-1", "member", "pg-0")))
                .isEqualTo("pg-1");
        assertThat(HistoryMetric.TRANSACTIONS.seriesName(Map.of("member", "pg-2")))
                .isEqualTo("pg-2");
        assertThat(HistoryMetric.CONNECTIONS.seriesName(Map.of("member", "pg-0")))
                .isEqualTo("pg-0");
        assertThat(HistoryMetric.ROUTER_SESSIONS.seriesName(Map.of("proxy", "primary")))
                .isEqualTo("writes");
        assertThat(HistoryMetric.ROUTER_SESSIONS.seriesName(Map.of("proxy", "replicas")))
                .isEqualTo("reads");
    }

    @Test
    void aLineWithoutItsLabelIsNamedAfterTheMetric() {
        assertThat(HistoryMetric.CONNECTIONS.seriesName(Map.of())).isEqualTo("connections");
        assertThat(HistoryMetric.ROUTER_SESSIONS.seriesName(Map.of("proxy", "stats")))
                .isEqualTo("stats");
    }

    /** The names a running stack's exporters publish (checked with `pgha up` and Prometheus's /api/v1/query). */
    @Test
    void queriesUseTheMetricAndLabelNamesTheExportersPublish() {
        assertThat(HistoryMetric.REPLICATION_LAG.query())
                .contains("pg_stat_replication_pg_wal_lsn_diff", "application_name");
        assertThat(HistoryMetric.TRANSACTIONS.query())
                .contains("pg_stat_database_xact_commit", "pg_stat_database_xact_rollback");
        assertThat(HistoryMetric.CONNECTIONS.query())
                .contains("pg_stat_activity_count{backend_type=\"client backend\"}");
        assertThat(HistoryMetric.ROUTER_SESSIONS.query())
                .contains("haproxy_frontend_current_sessions{proxy=~\"primary|replicas\"}");
    }

    @Test
    void ratesAreTakenOverTheStepAndNeverUnderAMinute() {
        assertThat(HistoryMetric.TRANSACTIONS.query()).contains("[60s]").doesNotContain("WINDOW");
        assertThat(HistoryMetric.TRANSACTIONS.query(HistoryRange.MINUTES_15.step()))
                .contains("[60s]");
        assertThat(HistoryMetric.TRANSACTIONS.query(HistoryRange.HOURS_24.step()))
                .contains("xact_commit[300s]", "xact_rollback[300s]");
        assertThat(HistoryMetric.CONNECTIONS.query(Duration.ofMinutes(5))).isEqualTo(HistoryMetric.CONNECTIONS.query());
    }
}
