package io.pgha.runtime.drill;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The watcher's samples of which nodes accept writes. A node counts as writable from its first to its last
 * sample of an unbroken run of "writable" samples; two such intervals of different nodes that overlap are a
 * split brain.
 */
final class RoleSamples {

    enum State {
        WRITABLE,
        /**
         * A primary whose commits would wait for synchronous standbys that are not streaming (docs/decisions/0062):
         * it acknowledges nothing, so it ends a writable run; it is not "known not to accept writes" either.
         */
        WAITING_FOR_STANDBYS,
        READ_ONLY,
        /** The node's container runs, its PostgreSQL does not answer: known not to accept writes. */
        NOT_ANSWERING,
        UNREACHABLE
    }

    record Sample(long epochMillis, String node, State state) {}

    record Interval(String node, long fromMillis, long toMillis) {}

    private final List<Sample> samples = new ArrayList<>();

    /** Parses a watcher line "S &lt;epoch-ms&gt; &lt;node&gt; &lt;w|q|r|u&gt;"; other lines are ignored. */
    void addLine(String line) {
        String[] f = line.strip().split(" ");
        if (f.length != 4 || !f[0].equals("S")) {
            return;
        }
        State state = switch (f[3]) {
            case "w" -> State.WRITABLE;
            case "q" -> State.WAITING_FOR_STANDBYS;
            case "r" -> State.READ_ONLY;
            default -> State.UNREACHABLE;
        };
        try {
            add(new Sample(Long.parseLong(f[1]), f[2], state));
        } catch (NumberFormatException ignored) {
            // not a sample line
        }
    }

    synchronized void add(Sample s) {
        samples.add(s);
    }

    synchronized boolean seenAll(List<String> nodes) {
        return samples.stream().map(Sample::node).collect(Collectors.toSet()).containsAll(nodes);
    }

    /** Whether every node answered (writable or not) at least once: an unreachable sample says nothing. */
    synchronized boolean answeredAll(List<String> nodes) {
        return samples.stream()
                .filter(s -> s.state() != State.UNREACHABLE)
                .map(Sample::node)
                .collect(Collectors.toSet())
                .containsAll(nodes);
    }

    /** The first moment at or after {@code fromMillis} that {@code node} was known not to accept writes. */
    Optional<Sample> firstNotWritable(String node, long fromMillis) {
        return snapshot().stream()
                .filter(s -> s.epochMillis() >= fromMillis
                        && s.node().equals(node)
                        && (s.state() == State.READ_ONLY || s.state() == State.NOT_ANSWERING))
                .findFirst();
    }

    /** Whether {@code node} was seen accepting writes in a run of writable samples that began after {@code fromMillis}. */
    boolean writableRunStartedAfter(String node, long fromMillis) {
        return writableIntervals().stream().anyMatch(i -> i.node().equals(node) && i.fromMillis() > fromMillis);
    }

    synchronized List<Sample> snapshot() {
        List<Sample> copy = new ArrayList<>(samples);
        copy.sort(Comparator.comparingLong(Sample::epochMillis));
        return copy;
    }

    /** The first moment a node other than {@code oldLeader} was seen writable at or after {@code fromMillis}. */
    Optional<Sample> firstWritableOtherThan(String oldLeader, long fromMillis) {
        return snapshot().stream()
                .filter(s ->
                        s.epochMillis() >= fromMillis && !s.node().equals(oldLeader) && s.state() == State.WRITABLE)
                .findFirst();
    }

    /**
     * Whether some node accepted writes again after {@code node} stopped: the first writable sample of any node
     * that follows a sample at or after {@code fromMillis} in which {@code node} was not writable. A primary
     * restarted in place counts, and so does another member that took over.
     */
    boolean writableAgainAfterOutageOf(String node, long fromMillis) {
        List<Sample> after =
                snapshot().stream().filter(s -> s.epochMillis() >= fromMillis).toList();
        Optional<Long> down = after.stream()
                .filter(s -> s.node().equals(node) && s.state() != State.WRITABLE)
                .map(Sample::epochMillis)
                .findFirst();
        return down.isPresent()
                && after.stream().anyMatch(s -> s.epochMillis() > down.get() && s.state() == State.WRITABLE);
    }

    List<Interval> writableIntervals() {
        Map<String, List<Sample>> byNode = snapshot().stream().collect(Collectors.groupingBy(Sample::node));
        List<Interval> intervals = new ArrayList<>();
        for (var e : byNode.entrySet()) {
            Long start = null;
            long last = 0;
            for (Sample s : e.getValue()) {
                if (s.state() == State.WRITABLE) {
                    if (start == null) {
                        start = s.epochMillis();
                    }
                    last = s.epochMillis();
                } else if (s.state() != State.UNREACHABLE && start != null) {
                    intervals.add(new Interval(e.getKey(), start, last));
                    start = null;
                }
                // an unreachable sample neither ends nor extends a writable run: the node may still be writable
            }
            if (start != null) {
                intervals.add(new Interval(e.getKey(), start, last));
            }
        }
        return intervals;
    }

    /** Pairs of writable intervals of different nodes that overlap in time. */
    long splitBrainOverlaps() {
        List<Interval> intervals = writableIntervals();
        long overlaps = 0;
        for (int i = 0; i < intervals.size(); i++) {
            for (int j = i + 1; j < intervals.size(); j++) {
                Interval a = intervals.get(i);
                Interval b = intervals.get(j);
                if (!a.node().equals(b.node()) && a.fromMillis() <= b.toMillis() && b.fromMillis() <= a.toMillis()) {
                    overlaps++;
                }
            }
        }
        return overlaps;
    }
}
