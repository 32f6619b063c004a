package io.pgha.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the holder's answers through its engine mean: only recovery and a shut-down postmaster let it be fenced. */
class HolderQuestionTest {

    @ParameterizedTest(name = "psql answered ''{0}'' -> {1}")
    @CsvSource({"t, IN_RECOVERY", "f, ACCEPTS_WRITES", "'', UNKNOWN", "'psql: error', UNKNOWN"})
    void recovery(String answer, HolderWrites.Kind kind) {
        assertThat(HolderQuestion.fromRecovery(answer).kind()).isEqualTo(kind);
    }

    @ParameterizedTest(name = "psql refused, control file ''{0}'' -> {1}")
    @CsvSource({
        "shut down, SHUT_DOWN", // past its shutdown checkpoint (a cut-off primary's fast shutdown), or gone
        "shut down in recovery, IN_RECOVERY",
        "in archive recovery, IN_RECOVERY",
        "in production, UNKNOWN", // a crashed primary, or one refusing for another reason
        "in crash recovery, UNKNOWN", // may come up as a primary
        "starting up, UNKNOWN",
        "'', UNKNOWN",
        "pg_controldata exit 1, UNKNOWN"
    })
    void controlFile(String state, HolderWrites.Kind kind) {
        assertThat(HolderQuestion.fromControlFile(state).kind()).isEqualTo(kind);
        assertThat(HolderQuestion.fromControlFile(state).cannotWrite()).isEqualTo(kind != HolderWrites.Kind.UNKNOWN);
    }

    @Test
    void theClusterStateIsReadFromPgControldata() {
        String out = "pg_control version number:            1700\n"
                + "Database cluster state:               shut down\n"
                + "pg_control last modified:             Mon Dec  7 08:15:11 2026\n";
        assertThat(HolderQuestion.clusterState(out)).isEqualTo("shut down");
        assertThat(HolderQuestion.clusterState("nothing")).isEmpty();
    }
}
