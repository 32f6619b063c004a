package io.pgha.console.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogLevelTest {

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            2025-05-01 10:00:00,123 INFO: no action. I am (pg-1), a secondary, and following a leader (pg-0)  | INFO
            2025-05-01 10:00:00,123 WARNING: Request failed to pg-0: GET http://pg-0:8008/patroni             | WARN
            2025-05-01 10:00:00,123 ERROR: Failed to get list of machines from etcd3                         | ERROR
            2025-05-01 10:00:00.000 UTC [57] LOG:  database system is ready to accept connections            | INFO
            2025-05-01 10:00:00.000 UTC [88] FATAL:  role "root" does not exist                               | ERROR
            2025-05-01 10:00:00.000 UTC [88] WARNING:  archive_mode enabled, yet archiving is not configured  | WARN
            2025-05-01 10:00:00.000 UTC [88] PANIC:  could not locate a valid checkpoint record               | ERROR
            2025-05-01 10:00:00.000 UTC [88] DETAIL:  The failed archive command was: /bin/false              | NONE
            '{"level":"info","ts":"2025-05-01T10:00:00Z","caller":"etcdserver/server.go:1","msg":"published"}' | INFO
            '{"level":"warn","ts":"2025-05-01T10:00:00Z","msg":"slow fdatasync","took":"1.2s"}'               | WARN
            [NOTICE]   (1) : New worker (8) forked                                                            | INFO
            [WARNING]  (8) : Server pg_write/pg-1 is DOWN, reason: Layer7 wrong status, code: 503             | WARN
            [ALERT]    (8) : backend pg_write has no server available!                                      | ERROR
            time=2025-05-01T10:00:00Z level=INFO source=server.go:1 msg="Listening on" address=[::]:9187       | INFO
            ts=2025-05-01T10:00:00Z level=error caller=collector.go:1 msg="collector failed"                 | ERROR
            10:00:00.123 WARN  i.p.runtime.supervisor - the container of the leader is gone                       | WARN
            10:00:00.123 INFO  i.p.runtime.supervisor - watching pg-ha                                       | INFO
            10:00:00.123 DEBUG i.p.runtime.supervisor - poll                                                  | DEBUG
            spilo-local: scope pg-ha member pg-0 etcd3 etcd-1:2379                                            | NONE
            pg-1 log line 3 checkpoint complete                                                               | NONE
            """)
    void theLevelIsTheOneTheLineStates(String line, LogLevel expected) {
        assertThat(LogLevel.of(line)).isEqualTo(expected);
    }
}
