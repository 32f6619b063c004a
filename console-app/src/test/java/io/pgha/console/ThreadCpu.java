package io.pgha.console;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * CPU time per Java thread over a window, for the benchmark's "where does an idle console spend its CPU" line. Threads
 * are grouped by name without their trailing number (a pool's threads count together). JVM-internal threads (GC,
 * compiler) are not Java threads and appear only in the process total.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> startNanos;
    private final long wallStart = System.nanoTime();

    private ThreadCpu(Map<Long, Long> startNanos) {
        this.startNanos = startNanos;
    }

    static ThreadCpu start() {
        Map<Long, Long> now = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long cpu = THREADS.getThreadCpuTime(id);
            if (cpu >= 0) {
                now.put(id, cpu);
            }
        }
        return new ThreadCpu(now);
    }

    /** The {@code n} thread groups that used most CPU since {@link #start()}, as "name 0.42 %" (of one core). */
    String busiest(int n) {
        double wall = System.nanoTime() - wallStart;
        Map<String, Long> byGroup = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = THREADS.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            long used = cpu - Objects.requireNonNullElse(startNanos.get(info.getThreadId()), 0L);
            byGroup.merge(info.getThreadName().replaceAll("[-#]?\\d+$", ""), used, Long::sum);
        }
        return byGroup.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(n)
                .map(e -> String.format(Locale.ROOT, "%s %.2f %%", e.getKey(), 100.0 * e.getValue() / wall))
                .collect(Collectors.joining(", "));
    }
}
