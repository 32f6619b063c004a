package io.pgha.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the holder's answers through its engine mean: only "in recovery" and "no postmaster" let it be fenced. */
class HolderQuestionTest {

    @ParameterizedTest(name = "psql answered ''{0}'' -> {1}")
    @CsvSource({"t, IN_RECOVERY", "f, ACCEPTS_WRITES", "'', UNKNOWN", "'psql: error', UNKNOWN"})
    void recovery(String answer, HolderWrites.Kind kind) {
        assertThat(HolderQuestion.fromRecovery(answer).kind()).isEqualTo(kind);
    }

    @ParameterizedTest(name = "pg_isready and pid file ''{0}'' -> {1}")
    @CsvSource({
        "2 nopid, NO_POSTMASTER", // nothing on the socket, no pid file: no postmaster
        "2 pid, UNKNOWN", // a crashed postmaster's pid file, or one that hangs
        "1 pid, UNKNOWN", // rejecting connections: starting or shutting down
        "0 pid, UNKNOWN", // accepting now: psql failed for another reason
        "1 nopid, UNKNOWN",
        "exit 126, UNKNOWN"
    })
    void postmaster(String answer, HolderWrites.Kind kind) {
        assertThat(HolderQuestion.fromPostmaster(answer).kind()).isEqualTo(kind);
        assertThat(HolderQuestion.fromPostmaster(answer).cannotWrite())
                .isEqualTo(kind == HolderWrites.Kind.NO_POSTMASTER);
    }
}
