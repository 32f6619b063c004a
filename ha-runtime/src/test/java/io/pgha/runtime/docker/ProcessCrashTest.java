package io.pgha.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The line that crashes a container's process from the host PID namespace. */
class ProcessCrashTest {

    @Test
    void killsOnlyTheProcessWhoseControlGroupsNameTheContainer() {
        assertThat(ProcessCrash.command(4242, "ea204e1497bf"))
                .isEqualTo("grep -q ea204e1497bf /proc/4242/cgroup && kill -KILL 4242");
    }
}
