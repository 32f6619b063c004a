package io.pgha.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerLogFollowerTest {

    @Test
    void dockersTimestampIsSplitFromTheText() {
        ContainerLogFollower.Line line =
                ContainerLogFollower.parse("2026-11-26T01:02:03.123456789Z LOG:  database system is ready", true);

        assertThat(line.at()).contains(Instant.parse("2026-11-26T01:02:03.123456789Z"));
        assertThat(line.text()).isEqualTo("LOG:  database system is ready");
        assertThat(line.stderr()).isTrue();
    }

    @Test
    void aLineWithoutATimestampIsKeptWhole() {
        ContainerLogFollower.Line line = ContainerLogFollower.parse("no timestamp here", false);

        assertThat(line.at()).isEqualTo(Optional.empty());
        assertThat(line.text()).isEqualTo("no timestamp here");
    }
}
