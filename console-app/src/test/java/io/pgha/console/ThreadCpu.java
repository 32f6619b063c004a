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
 * compiler) are not Java threads and appear only in the process total; {@link #busiestOfProcess} counts every thread of
 * the process from /proc (Linux), with the kernel's names (15 characters), in 10 ms ticks.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> startNanos;
    private final long wallStart = System.nanoTime();
    private final Map<String, Long> startTicks = procTicks();

    private ThreadCpu(Map<Long, Long> startNanos) {
        this.startNanos = startNanos;
    }

    /** Every thread's user and system time, in clock ticks, by thread id; empty without /proc. */
    private static Map<String, Long> procTicks() {
        Map<String, Long> ticks = new HashMap<>();
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
        if (!java.nio.file.Files.isDirectory(tasks)) {
            return ticks;
        }
        try (var dirs = java.nio.file.Files.list(tasks)) {
            for (java.nio.file.Path task : dirs.toList()) {
                try {
                    String stat = java.nio.file.Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(task.getFileName() + "/" + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            return Map.of();
        }
        return ticks;
    }

    /** Like {@link #busiest}, over every thread of the process (JIT, GC, native toolkit threads too), from /proc. */
    String busiestOfProcess(int n) {
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
        Map<String, Long> byGroup = new HashMap<>();
        procTicks()
                .forEach((key, ticks) -> byGroup.merge(
                        key.substring(key.indexOf('/') + 1)
                                .replaceAll("[-#]?\\d+$", "")
                                .strip(),
                        ticks - Objects.requireNonNullElse(startTicks.get(key), 0L),
                        Long::sum));
        return byGroup.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(n)
                .map(e -> String.format(Locale.ROOT, "%s %.2f %%", e.getKey(), e.getValue() / wallSeconds))
                .collect(Collectors.joining(", "));
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
