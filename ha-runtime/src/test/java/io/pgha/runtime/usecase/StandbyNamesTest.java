package io.pgha.runtime.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.stack.PatroniTuning;
import io.pgha.runtime.stack.SynchronousMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The apply's synchronous step ends when the leader's synchronous_standby_names is what Patroni writes. */
class StandbyNamesTest {

    @ParameterizedTest(name = "{0} {1} of {2} replicas: ''{3}'' → {4}")
    @CsvSource(delimiter = '|', textBlock = """
            QUORUM | 2 | 3 | ANY 2 (pg-0,pg-2,pg-3) | true
            QUORUM | 2 | 3 | ANY 1 (pg-0,pg-2,pg-3) | false
            QUORUM | 1 | 2 | ANY 1 (pg-1,pg-2)      | true
            QUORUM | 3 | 2 | ANY 2 (pg-1,pg-2)      | true
            ON     | 1 | 2 | '"pg-1"'               | true
            ON     | 1 | 2 | ''                     | false
            ON     | 2 | 2 | '2 ("pg-1","pg-2")'    | true
            ON     | 2 | 2 | '"pg-1"'               | false
            OFF    | 1 | 2 | ''                     | true
            OFF    | 1 | 2 | ANY 1 (pg-1,pg-2)      | false
            """)
    void whatPatroniWritesForTheSettings(SynchronousMode mode, int count, int replicas, String names, boolean inForce) {
        PatroniTuning t = new PatroniTuning(20, 2, 5, mode, count, 1_048_576, 10);
        assertThat(RollingSteps.standbyNamesSay(names == null ? "" : names, t, replicas))
                .isEqualTo(inForce);
    }
}
