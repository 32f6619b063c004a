package io.pgha.console.ui.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouterSessionsTextTest {

    @Test
    void oneSessionIsSingular() {
        assertThat(TopologyView.sessions(1, "read")).isEqualTo("1 read session");
        assertThat(TopologyView.sessions(0, "write")).isEqualTo("0 write sessions");
        assertThat(TopologyView.sessions(12, "write")).isEqualTo("12 write sessions");
    }
}
