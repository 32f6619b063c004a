package io.pgha.runtime.chaos;

import io.pgha.runtime.drill.DrillScenario;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a chaos run saw, in milliseconds from the start of the workloads. Scripts check {@code passed}, or the
 * counters named with lost, duplicated, violations and split (all 0 in a passing run) and {@code healthyAtEnd}.
 *
 * @param availabilityPercent   the share of the run's seconds in which some append was acknowledged
 * @param byFault               per fault kind (its command-line name), in the order of the run's kinds
 */
public record ChaosReport(
        boolean passed,
        long seed,
        long durationMs,
        List<String> faults,
        int faultsInjected,
        long elapsedMs,
        double availabilityPercent,
        long acknowledgedWrites,
        long acknowledgedWritesLost,
        long duplicatedWrites,
        long bankTransfers,
        long bankReads,
        long bankSerializationRetries,
        long bankTotalViolations,
        long splitBrainMoments,
        boolean healthyAtEnd,
        Optional<Long> timeToHealthyAtEndMs,
        Map<String, KindSummary> byFault,
        List<TimelineEvent> timeline,
        List<String> notes) {

    /** A write gap this long or longer is on the timeline. */
    public static final long GAP_ON_TIMELINE_MS = 1000;

    static final long AVAILABILITY_BUCKET_MS = 1000;

    /**
     * One kind's faults.
     *
     * @param notHealthy how many of them were not followed by a healthy cluster within the run's limit
     */
    public record KindSummary(
            int count,
            long writeOutageMedianMs,
            long writeOutageMaxMs,
            Optional<Long> timeToHealthyMedianMs,
            Optional<Long> timeToHealthyMaxMs,
            int notHealthy) {}

    /**
     * One moment of the run: a fault injected, healed or followed by a healthy cluster (with its node), or a write
     * gap (its start and length).
     */
    public record TimelineEvent(long atMs, String event, String fault, String node, Optional<Long> lengthMs) {}

    /** One injected fault; {@code healthyMs} empty when the cluster was not healthy again within the limit. */
    public record FaultRun(DrillScenario kind, String node, long injectedMs, long healedMs, Optional<Long> healthyMs) {}

    /** What the workloads and the watcher counted. */
    public record Counters(
            long acknowledgedWrites,
            long lost,
            long duplicated,
            long bankTransfers,
            long bankReads,
            long bankRetries,
            long bankViolations,
            long splitBrain) {}

    public ChaosReport {
        faults = List.copyOf(faults);
        byFault = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byFault));
        timeline = List.copyOf(timeline);
        notes = List.copyOf(notes);
    }

    /**
     * The report of a run.
     *
     * @param ackMs when each append was acknowledged, ascending
     * @param runs  the faults in the order they were injected
     */
    public static ChaosReport of(
            ChaosPlan plan,
            long elapsedMs,
            long[] ackMs,
            List<FaultRun> runs,
            Counters counters,
            Optional<Long> healthyAtEndMs,
            List<String> notes) {
        Map<String, List<Long>> outages = new LinkedHashMap<>();
        Map<String, List<Optional<Long>>> healthy = new LinkedHashMap<>();
        for (DrillScenario k : plan.kinds()) {
            outages.put(k.cliName(), new ArrayList<>());
            healthy.put(k.cliName(), new ArrayList<>());
        }
        List<TimelineEvent> timeline = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            FaultRun r = runs.get(i);
            long windowEnd = i + 1 < runs.size() ? runs.get(i + 1).injectedMs() : elapsedMs;
            String kind = r.kind().cliName();
            outages.computeIfAbsent(kind, k -> new ArrayList<>())
                    .add(outageMs(ackMs, elapsedMs, r.injectedMs(), windowEnd));
            healthy.computeIfAbsent(kind, k -> new ArrayList<>())
                    .add(r.healthyMs().map(h -> h - r.injectedMs()));
            timeline.add(new TimelineEvent(r.injectedMs(), "injected", kind, r.node(), Optional.empty()));
            timeline.add(new TimelineEvent(r.healedMs(), "healed", kind, r.node(), Optional.empty()));
            r.healthyMs()
                    .ifPresent(h -> timeline.add(
                            new TimelineEvent(h, "healthy", kind, r.node(), Optional.of(h - r.injectedMs()))));
        }
        for (long[] gap : gaps(ackMs, GAP_ON_TIMELINE_MS)) {
            timeline.add(new TimelineEvent(gap[0], "write-gap", "", "", Optional.of(gap[1])));
        }
        timeline.sort(Comparator.comparingLong(TimelineEvent::atMs));
        Map<String, KindSummary> byFault = new LinkedHashMap<>();
        for (var e : outages.entrySet()) {
            List<Long> o = e.getValue();
            List<Long> h =
                    healthy.get(e.getKey()).stream().flatMap(Optional::stream).toList();
            int notHealthy = (int)
                    healthy.get(e.getKey()).stream().filter(Optional::isEmpty).count();
            byFault.put(
                    e.getKey(),
                    new KindSummary(
                            o.size(),
                            median(o).orElse(0L),
                            o.stream().mapToLong(Long::longValue).max().orElse(0),
                            median(h),
                            h.stream().max(Long::compare),
                            notHealthy));
        }
        boolean passed = counters.lost() == 0
                && counters.duplicated() == 0
                && counters.bankViolations() == 0
                && counters.splitBrain() == 0
                && healthyAtEndMs.isPresent();
        return new ChaosReport(
                passed,
                plan.seed(),
                plan.duration().toMillis(),
                plan.kinds().stream().map(DrillScenario::cliName).toList(),
                runs.size(),
                elapsedMs,
                availabilityPercent(ackMs, elapsedMs, AVAILABILITY_BUCKET_MS),
                counters.acknowledgedWrites(),
                counters.lost(),
                counters.duplicated(),
                counters.bankTransfers(),
                counters.bankReads(),
                counters.bankRetries(),
                counters.bankViolations(),
                counters.splitBrain(),
                healthyAtEndMs.isPresent(),
                healthyAtEndMs,
                byFault,
                timeline,
                notes);
    }

    /**
     * The longest wait between acknowledged appends that began in {@code [from, to)} (each gap belongs to one fault:
     * the one in place or last injected when the writes stopped); the run's end counts as an ack (writes that never
     * came back are an outage until then).
     */
    static long outageMs(long[] ackMs, long endMs, long from, long to) {
        long longest = 0;
        for (int i = 0; i < ackMs.length; i++) {
            long a = ackMs[i];
            long b = i + 1 < ackMs.length ? ackMs[i + 1] : Math.max(a, endMs);
            if (a >= from && a < to) {
                longest = Math.max(longest, b - a);
            }
        }
        if (ackMs.length == 0) {
            longest = Math.max(0, endMs - from);
        }
        return longest;
    }

    /** Gaps of at least {@code thresholdMs} between consecutive acks, as {start, length}. */
    static List<long[]> gaps(long[] ackMs, long thresholdMs) {
        List<long[]> gaps = new ArrayList<>();
        for (int i = 1; i < ackMs.length; i++) {
            long length = ackMs[i] - ackMs[i - 1];
            if (length >= thresholdMs) {
                gaps.add(new long[] {ackMs[i - 1], length});
            }
        }
        return gaps;
    }

    /** The share of {@code bucketMs} slices of {@code [0, elapsedMs)} with an ack, in percent to two decimals. */
    static double availabilityPercent(long[] ackMs, long elapsedMs, long bucketMs) {
        int buckets = (int) Math.max(1, (elapsedMs + bucketMs - 1) / bucketMs);
        boolean[] seen = new boolean[buckets];
        for (long a : ackMs) {
            if (a >= 0 && a < elapsedMs) {
                seen[(int) (a / bucketMs)] = true;
            }
        }
        int with = 0;
        for (boolean s : seen) {
            with += s ? 1 : 0;
        }
        return Math.round(10_000.0 * with / buckets) / 100.0;
    }

    /** The median; of an even count, the mean of the middle two (rounded down). */
    static Optional<Long> median(List<Long> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return Optional.of(n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
    }
}
