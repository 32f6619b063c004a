package io.pgha.console.ui.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.model.SourceStatus;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceStateTest {

    private static final Instant T = Instant.parse("2025-06-02T09:30:00Z");

    @Test
    void aSourceNotAnsweredYetIsGreyCheckingNotRed() {
        SourceState s = SourceState.of(
                new SourceStatus(Source.DOCKER, false, Optional.of(SourceStatus.FIRST_ANSWER_PENDING), T));

        assertThat(s.tone()).isEqualTo(Tone.UNKNOWN);
        assertThat(s.reason()).isEqualTo("checking");
    }

    @Test
    void aSourceTheClusterDoesNotHaveIsGreyAndAFailingOneRed() {
        assertThat(SourceState.of(new SourceStatus(
                                Source.ROUTER, false, Optional.of("not configured: no router endpoints"), T))
                        .tone())
                .isEqualTo(Tone.UNKNOWN);
        assertThat(SourceState.of(new SourceStatus(Source.EXPORTER, false, Optional.of("connection refused"), T))
                        .tone())
                .isEqualTo(Tone.FAIL);
        assertThat(SourceState.of(new SourceStatus(Source.DCS, true, Optional.empty(), T))
                        .tone())
                .isEqualTo(Tone.OK);
    }
}
