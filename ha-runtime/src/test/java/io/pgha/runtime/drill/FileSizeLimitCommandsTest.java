package io.pgha.runtime.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The disk-writes-refused drill's scripts, built from their settings; each parses as sh. They are never run here: they
 * change the limits of every process they can see, which on this machine would be the machine's own.
 */
class FileSizeLimitCommandsTest {

    private final FileSizeLimitCommands c = FileSizeLimitCommands.of(65536, Duration.ofMinutes(15));

    @Test
    void applyLowersTheSoftLimitOfEveryProcessAfterUndoingALeftoverAndStartsATimer() {
        assertThat(c.apply()).as("a leftover is undone first").startsWith(c.heal());
        assertThat(c.apply())
                .contains("for round in 1 2 3; do for p in $(ls /proc | grep -E '^[0-9]+$'); do "
                        + "prlimit --pid \"$p\" --fsize=65536: 2>/dev/null; done; done")
                .contains("sh -c 'sleep 900 & echo \"$$ $!\" > " + FileSizeLimitCommands.TIMER_FILE + "; wait $!; ")
                .endsWith("grep -q '^Max file size  *65536 ' /proc/1/limits");
        assertThat(c.apply())
                .as("only the soft limit: the hard one stays, so lifting it needs no privilege")
                .doesNotContain("--fsize=65536:65536");
    }

    @Test
    void healStopsTheTimerAndLiftsTheLimitFromEveryProcess() {
        assertThat(c.heal())
                .startsWith("[ -f /tmp/pgha-drill-fsize.timer ] && kill $(cat /tmp/pgha-drill-fsize.timer)")
                .contains("prlimit --pid \"$p\" --fsize=unlimited: 2>/dev/null")
                .endsWith("\ntrue");
        assertThat(c.healed()).isEqualTo("! grep -q '^Max file size  *[0-9]' /proc/[0-9]*/limits 2>/dev/null");
    }

    @Test
    void itSaysWhatItIsAndWhatItIsNot() {
        assertThat(c.mechanism()).contains("RLIMIT_FSIZE", "65536 bytes", "EFBIG", "ENOSPC", "no filesystem is filled");
        assertThat(DrillScenario.DISK_WRITES_REFUSED.description())
                .contains("stand-in for a full disk", "RLIMIT_FSIZE", "nothing is written", "healed when");
    }

    @Test
    void everyScriptParses() throws Exception {
        for (String script : new String[] {c.apply(), c.heal(), c.healed()}) {
            assertThat(parses(script)).as(script).isTrue();
        }
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> FileSizeLimitCommands.of(0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FileSizeLimitCommands.of(4096, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean parses(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-n", "-c", script)
                .redirectErrorStream(true)
                .start();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
