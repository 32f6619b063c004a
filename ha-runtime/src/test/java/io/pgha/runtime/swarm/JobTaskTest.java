package io.pgha.runtime.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A global job's task as {@code docker service ps --format '{{.Node}}<TAB>{{.CurrentState}}<TAB>{{.Error}}'} prints it. */
class JobTaskTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "pgha-th-2\tComplete 3 seconds ago\t;pgha-th-2;Complete;true;false;",
                "pgha-th-3\tFailed 1 second ago\ttask: non-zero exit (1);pgha-th-3;Failed;false;true;task: non-zero exit (1)",
                "pgha-th-3\tRejected 2 seconds ago\tNo such image: pgha/supervisor:local;pgha-th-3;Rejected;false;true;No such image: pgha/supervisor:local",
                "pgha-th-1\tRunning 1 second ago\t;pgha-th-1;Running;false;false;",
                "pgha-th-1\tPreparing 2 seconds ago\t;pgha-th-1;Preparing;false;false;",
            })
    void readsNodeStateAndError(String line, String node, String state, boolean done, boolean failed, String error) {
        DockerStackCli.JobTask t = DockerStackCli.JobTask.parse(line.replace("\\t", "\t"));
        assertThat(t.node()).isEqualTo(node);
        assertThat(t.state()).isEqualTo(state);
        assertThat(t.done()).isEqualTo(done);
        assertThat(t.failed()).isEqualTo(failed);
        assertThat(t.ended()).isEqualTo(done || failed);
        assertThat(t.error()).isEqualTo(error == null ? "" : error);
    }
}
