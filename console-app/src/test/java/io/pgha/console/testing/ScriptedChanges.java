package io.pgha.console.testing;

import io.pgha.console.service.ClusterChanges;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.apply.ApplyPlan;
import io.pgha.runtime.apply.ApplyPlanner;
import io.pgha.runtime.apply.PlanStep;
import io.pgha.runtime.apply.RunningStack;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.StackSpecFile;
import io.pgha.runtime.usecase.PlanProgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Day-two changes for UI tests: plans made by the runtime's real, pure planner ({@link ApplyPlanner}, what {@code pgha
 * apply}, {@code scale}, {@code upgrade} and {@code replace} print with {@code --dry-run}; a spec's text read by the
 * runtime's real parser) over a running stack the test chooses; a run
 * that reports each step as the engine does, fails at a step when told to, and may hold a step until released. Docker is
 * the only thing left out.
 */
public final class ScriptedChanges implements ClusterChanges {

    public static final String IMAGE = "pgha/spilo-17:local";

    private final RunningStack running;
    private final Set<String> images;
    private final List<String> runs = new CopyOnWriteArrayList<>();
    private final List<String> planned = new CopyOnWriteArrayList<>();
    private volatile int failAt = -1;
    private volatile String failure = "";
    private volatile int holdAt = -1;
    private volatile CountDownLatch hold = new CountDownLatch(0);

    /** @param images the images on the engine */
    public ScriptedChanges(RunningStack running, Set<String> images) {
        this.running = running;
        this.images = Set.copyOf(images);
    }

    /** A healthy stack of {@code nodes} nodes, pg-0 leading, every member on {@link #IMAGE}, the defaults otherwise. */
    public static ScriptedChanges healthy(String name, int nodes) {
        StackSpec spec = StackSpec.builder()
                .name(name)
                .images(ImageProfile.LOCAL)
                .nodes(nodes)
                .build();
        return of(RunningStack.healthy(spec));
    }

    /** That stack, every member on {@link #IMAGE}, with {@code pgha/spilo-17:next} on the engine too. */
    public static ScriptedChanges of(RunningStack stack) {
        Map<String, String> onImage =
                stack.members().stream().collect(Collectors.toMap(RunningStack.Member::name, m -> IMAGE));
        return new ScriptedChanges(stack.withImages(onImage), Set.of(IMAGE, "pgha/spilo-17:next"));
    }

    public RunningStack running() {
        return running;
    }

    /** The snapshot the monitor would show of this stack. */
    public ClusterSnapshot snapshot() {
        List<Member> members = new ArrayList<>();
        List<ContainerInfo> containers = new ArrayList<>();
        for (RunningStack.Member m : running.members()) {
            members.add(SampleCluster.member(
                    m.name(),
                    m.leader() ? Role.LEADER : m.synchronous() ? Role.QUORUM_STANDBY : Role.REPLICA,
                    m.leader() ? "running" : "streaming",
                    3,
                    0x3000148L,
                    m.leader() ? OptionalLong.empty() : OptionalLong.of(0)));
            containers.add(new ContainerInfo(
                    m.name(),
                    Integer.toHexString(m.name().hashCode()),
                    "postgres",
                    running.images().getOrDefault(m.name(), IMAGE),
                    "running",
                    "healthy",
                    0,
                    Optional.of(SampleCluster.T0),
                    OptionalInt.empty()));
        }
        Optional<String> leader = running.leader().map(RunningStack.Member::name);
        return SampleCluster.snapshot(
                SampleCluster.T0,
                leader,
                members,
                SampleCluster.allEtcdUp(),
                SampleCluster.backends(leader.orElse("pg-0"), members),
                containers,
                SampleCluster.checks(SampleCluster.T0, leader.orElse("pg-0"), List.of()));
    }

    @Override
    public StackSpec runningSpec() {
        return running.spec();
    }

    /** As the engine: the text parsed (INVALID_INPUT with the parse error), then planned against the running stack. */
    @Override
    public ApplyPlan planApply(String specYaml) {
        planned.add("apply");
        return ApplyPlanner.plan(running, StackSpecFile.parse(specYaml).build());
    }

    @Override
    public ApplyPlan planScale(int nodes) {
        planned.add("scale " + nodes);
        return ApplyPlanner.scale(running, nodes);
    }

    @Override
    public ApplyPlan planUpgrade(String image) {
        planned.add("upgrade " + image);
        return ApplyPlanner.upgrade(running, image, images.contains(image));
    }

    @Override
    public ApplyPlan planReplace(String node, boolean keepVolume) {
        planned.add("replace " + node + (keepVolume ? " --keep-volume" : ""));
        return ApplyPlanner.replace(running, node, keepVolume);
    }

    /** As the engine: refuses a refused plan; reports each step's start, a line and its end, or the failure. */
    @Override
    public void run(ApplyPlan plan, boolean deleteVolumes, PlanProgress progress) {
        if (plan.refused()) {
            throw PghaException.refused(String.join("; ", plan.refusals()));
        }
        runs.add(plan.steps().stream().map(s -> s.kind() + " " + s.target()).collect(Collectors.joining(", "))
                + (deleteVolumes ? " --delete-volumes" : ""));
        List<PlanStep> steps = plan.steps();
        int total = steps.size();
        for (int i = 0; i < total; i++) {
            PlanStep step = steps.get(i);
            progress.started(i, total, step);
            progress.line(i, total, "working on " + step.target());
            if (i == holdAt) {
                await();
            }
            if (i == failAt) {
                List<PlanStep> notDone = steps.subList(i, total);
                progress.failed(i, total, failure, notDone);
                throw PghaException.unavailable("step " + (i + 1) + " (" + step.title() + ") failed: " + failure
                        + ". Not done: " + notDone.stream().map(PlanStep::title).collect(Collectors.joining(", ")));
            }
            progress.done(i, total, Duration.ofMillis(1500L * (i + 1)));
        }
    }

    private void await() {
        try {
            if (!hold.await(30, TimeUnit.SECONDS)) {
                throw PghaException.unavailable("the test never released the step");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PghaException.unavailable("interrupted");
        }
    }

    /** Step {@code index} (0-based) fails with {@code reason}. */
    public void failAt(int index, String reason) {
        failAt = index;
        failure = reason;
    }

    /** Step {@code index} waits, once started, until {@link #release()}. */
    public void holdAt(int index) {
        hold = new CountDownLatch(1);
        holdAt = index;
    }

    public void release() {
        hold.countDown();
    }

    /** The plans run: "REPLACE_MEMBER pg-2, …" with " --delete-volumes" when asked. */
    public List<String> runs() {
        return List.copyOf(runs);
    }

    /** The plans asked for: "apply", "scale 4", "upgrade REF", "replace pg-1 --keep-volume". */
    public List<String> planned() {
        return List.copyOf(planned);
    }
}
