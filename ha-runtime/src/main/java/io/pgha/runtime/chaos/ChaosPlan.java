package io.pgha.runtime.chaos;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.drill.DrillScenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * A reproducible schedule of faults, one at a time: the same seed, duration and fault kinds give the same steps. The
 * kinds are first drawn once each in a shuffled order, then at random; each step is injected at {@code injectAt} after
 * the start, held for {@code hold} (3–8 s), healed, and followed by at least {@link #SETTLE} before the next. A step is
 * planned only when it and its settling fit in the duration, so every kind is drawn when the duration is at least
 * {@link #WARMUP} plus {@link #LONGEST_STEP} per kind.
 *
 * @param steps in the order of their {@code injectAt}
 */
public record ChaosPlan(long seed, Duration duration, List<DrillScenario> kinds, List<Step> steps) {

    public static final Duration SHORTEST = Duration.ofSeconds(30);
    public static final Duration LONGEST = Duration.ofHours(2);
    /** Workloads alone before the first fault. */
    public static final Duration WARMUP = Duration.ofSeconds(5);
    /** At least this long between a heal and the next fault. */
    public static final Duration SETTLE = Duration.ofSeconds(12);

    static final int HOLD_MIN_SECONDS = 3;
    static final int HOLD_MAX_SECONDS = 8;
    static final int JITTER_MAX_SECONDS = 3;
    /** The longest a step and its settling take in the plan. */
    public static final Duration LONGEST_STEP =
            Duration.ofSeconds(HOLD_MAX_SECONDS + JITTER_MAX_SECONDS).plus(SETTLE);

    /** One fault of the plan, numbered from 1. */
    public record Step(int number, DrillScenario fault, Duration injectAt, Duration hold) {}

    public ChaosPlan {
        kinds = List.copyOf(kinds);
        steps = List.copyOf(steps);
    }

    public static ChaosPlan of(long seed, Duration duration, List<DrillScenario> kinds) {
        validate(duration);
        if (kinds.isEmpty()) {
            throw PghaException.invalidInput("a chaos run needs at least one fault; valid ones: " + validNames());
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<DrillScenario> firstRound = new ArrayList<>(kinds);
        for (int i = firstRound.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            DrillScenario swap = firstRound.get(i);
            firstRound.set(i, firstRound.get(j));
            firstRound.set(j, swap);
        }
        List<Step> steps = new ArrayList<>();
        long at = WARMUP.toMillis();
        long end = duration.toMillis();
        while (true) {
            int index = steps.size();
            DrillScenario fault =
                    index < firstRound.size() ? firstRound.get(index) : kinds.get(random.nextInt(kinds.size()));
            long hold = 1000L * random.nextInt(HOLD_MIN_SECONDS, HOLD_MAX_SECONDS + 1);
            long jitter = 1000L * random.nextInt(0, JITTER_MAX_SECONDS + 1);
            if (at + hold + SETTLE.toMillis() > end) {
                break;
            }
            steps.add(new Step(index + 1, fault, Duration.ofMillis(at), Duration.ofMillis(hold)));
            at += hold + SETTLE.toMillis() + jitter;
        }
        return new ChaosPlan(seed, duration, kinds, steps);
    }

    /** Whether every kind has at least one step. */
    public boolean drawsEveryKind() {
        return steps.stream().map(Step::fault).collect(Collectors.toSet()).containsAll(kinds);
    }

    /** Duration within 30 s .. 2 h, else refused with the bounds. */
    public static void validate(Duration duration) {
        if (duration.compareTo(SHORTEST) < 0 || duration.compareTo(LONGEST) > 0) {
            throw PghaException.invalidInput("--for must be between 30s and 2h (got "
                    + duration.toString().substring(2).toLowerCase(Locale.ROOT) + ")");
        }
    }

    /** "kill-primary,switchover" to the faults, in that order without repeats; every fault when blank. */
    public static List<DrillScenario> faults(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of(DrillScenario.values());
        }
        LinkedHashSet<DrillScenario> result = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String name : commaSeparated.split(",")) {
            String n = name.strip();
            Arrays.stream(DrillScenario.values())
                    .filter(s -> s.cliName().equals(n))
                    .findFirst()
                    .ifPresentOrElse(result::add, () -> unknown.add("'" + n + "'"));
        }
        if (!unknown.isEmpty()) {
            throw PghaException.invalidInput(
                    "unknown fault " + String.join(", ", unknown) + "; valid faults: " + validNames());
        }
        return List.copyOf(result);
    }

    static String validNames() {
        return Arrays.stream(DrillScenario.values()).map(DrillScenario::cliName).collect(Collectors.joining(", "));
    }
}
