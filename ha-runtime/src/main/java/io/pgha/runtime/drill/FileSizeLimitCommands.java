package io.pgha.runtime.drill;

import java.time.Duration;

/**
 * The sh scripts of the disk-writes-refused drill (docs/decisions/0065), run in the node's container as the user its
 * Patroni and PostgreSQL run as: {@code apply} lowers the soft file-size limit (RLIMIT_FSIZE) of every process of the
 * container to {@code limitBytes}, so the kernel refuses each write past that offset into a file with EFBIG (a full
 * disk refuses it with ENOSPC), and starts a timer that lifts it again after {@code deadMan} should the drill never heal
 * it; {@code heal} lifts it (soft back to unlimited; lowering and raising a soft limit up to the hard one needs no
 * privilege) and stops the timer; {@code healed} succeeds only when no process has it left. Processes fork meanwhile
 * (a postmaster's backends), so each script goes round until a round changes nothing more.
 */
record FileSizeLimitCommands(String apply, String heal, String healed, String mechanism) {

    /** Where the timer's PID is kept in the container. */
    static final String TIMER_FILE = "/tmp/pgha-drill-fsize.timer";

    static FileSizeLimitCommands of(long limitBytes, Duration deadMan) {
        if (limitBytes < 1) {
            throw new IllegalArgumentException("the limit must be at least 1 byte, not " + limitBytes);
        }
        if (deadMan.toSeconds() < 1) {
            throw new IllegalArgumentException("the timer must run at least 1 s");
        }
        String lift = everyProcess("prlimit --pid \"$p\" --fsize=unlimited:");
        String stopTimer = "[ -f " + TIMER_FILE + " ] && kill $(cat " + TIMER_FILE + ") 2>/dev/null; rm -f "
                + TIMER_FILE + "; true";
        String heal = stopTimer + "\n" + lift + "\ntrue";
        String timer = "sh -c 'sleep " + deadMan.toSeconds() + " & echo \"$$ $!\" > " + TIMER_FILE + "; wait $!; "
                + lift.replace("'", "'\\''") + "' >/dev/null 2>&1 &";
        String apply = String.join(
                "\n",
                heal,
                timer,
                everyProcess("prlimit --pid \"$p\" --fsize=" + limitBytes + ":"),
                limited(limitBytes));
        return new FileSizeLimitCommands(
                apply,
                heal,
                "! grep -q '^Max file size  *[0-9]' /proc/[0-9]*/limits 2>/dev/null",
                "RLIMIT_FSIZE lowered to " + limitBytes + " bytes (prlimit) for every process of the node's container:"
                        + " the kernel refuses each write past that offset into a file with EFBIG, as a full disk"
                        + " refuses it with ENOSPC; no filesystem is filled");
    }

    /** Three rounds over every process of the container: what forked during one round is caught by the next. */
    private static String everyProcess(String command) {
        return "for round in 1 2 3; do for p in $(ls /proc | grep -E '^[0-9]+$'); do " + command
                + " 2>/dev/null; done; done";
    }

    /** Succeeds when some process has the limit (Patroni, whose later postmasters inherit it). */
    private static String limited(long limitBytes) {
        return "grep -q '^Max file size  *" + limitBytes + " ' /proc/1/limits";
    }
}
