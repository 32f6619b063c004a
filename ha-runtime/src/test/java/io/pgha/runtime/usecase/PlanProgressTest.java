package io.pgha.runtime.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.apply.PlanStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI's progress lines, now written from the step-by-step progress the console also reads. */
class PlanProgressTest {

    @Test
    void theCliPrintsEachStepItsLinesAndItsTimeAsBefore() {
        List<String> out = new ArrayList<>();
        PlanProgress lines = PlanProgress.lines(out::add);
        PlanStep add =
                new PlanStep(PlanStep.Kind.ADD_NODE, "pg-3", "new replica cloned from pg-1; no write outage", "pg-1");
        lines.started(1, 4, add);
        lines.line(1, 4, "waiting for pg-3 to stream");
        lines.done(1, 4, Duration.ofMillis(12_340));
        lines.line(-1, 4, "every member: shared_buffers 256MB");
        lines.failed(2, 4, "boom", List.of(add));
        assertThat(out)
                .containsExactly(
                        "[2/4] add pg-3: new replica cloned from pg-1; no write outage",
                        "[2/4]   waiting for pg-3 to stream",
                        "[2/4] done in 12.3 s",
                        "every member: shared_buffers 256MB");
    }

    @Test
    void eachReportArrivesAsOneEventForAListenerWrittenAsALambda() {
        List<PlanProgress.Event> events = new ArrayList<>();
        PlanProgress progress = PlanProgress.events(events::add);
        PlanStep step = new PlanStep(PlanStep.Kind.REPLACE_MEMBER, "pg-2", "cloned from pg-1", "pg-1");
        progress.started(0, 2, step);
        progress.line(0, 2, "copying the old data aside");
        progress.done(0, 2, Duration.ofSeconds(3));
        progress.failed(1, 2, "boom", List.of(step));
        assertThat(events)
                .containsExactly(
                        new PlanProgress.Started(0, 2, step),
                        new PlanProgress.Line(0, 2, "copying the old data aside"),
                        new PlanProgress.Done(0, 2, Duration.ofSeconds(3)),
                        new PlanProgress.Failed(1, 2, "boom", List.of(step)));
    }
}
