package io.pgha.runtime.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The iptables and tc command lines of the network drills, as built from their settings; each script parses as sh. */
class NetworkFaultCommandsTest {

    @Test
    void lossDropsAShareOfWhatTheNodeReceivesButLoopbackInAChainOfItsOwn() {
        NetworkFaultCommands c = NetworkFaultCommands.loss(30);

        assertThat(c.apply().lines())
                .containsSubsequence(
                        "set -e",
                        "iptables -w -N PGHA-DRILL",
                        "iptables -w -A PGHA-DRILL -i lo -j RETURN",
                        "iptables -w -A PGHA-DRILL -m statistic --mode random --probability 0.30 -j DROP",
                        "iptables -w -I INPUT 1 -j PGHA-DRILL");
        assertThat(c.apply()).as("a leftover chain is removed first").startsWith(c.heal());
        assertThat(c.heal())
                .isEqualTo("while iptables -w -D INPUT -j PGHA-DRILL 2>/dev/null; do :; done; "
                        + "iptables -w -F PGHA-DRILL 2>/dev/null; iptables -w -X PGHA-DRILL 2>/dev/null; true");
        assertThat(c.healed()).isEqualTo("! iptables -w -S PGHA-DRILL >/dev/null 2>&1");
        assertThat(c.mechanism()).contains("iptables statistic match", "30 %", "netem is not used");
        assertThat(NetworkFaultCommands.loss(5).apply()).contains("--probability 0.05 -j DROP");
    }

    @Test
    void anAsymmetricPartitionDropsEverythingReceivedButLoopback() {
        NetworkFaultCommands c = NetworkFaultCommands.receiveNothing();

        assertThat(c.apply().lines())
                .containsSubsequence(
                        "iptables -w -A PGHA-DRILL -i lo -j RETURN",
                        "iptables -w -A PGHA-DRILL -j DROP",
                        "iptables -w -I INPUT 1 -j PGHA-DRILL");
        assertThat(c.apply()).doesNotContain("OUTPUT").doesNotContain("ESTABLISHED");
        assertThat(c.heal()).isEqualTo(NetworkFaultCommands.loss(30).heal());
        assertThat(c.mechanism()).contains("every packet the node receives dropped", "loopback");
    }

    @Test
    void slownessIsATbfOnEveryInterfaceButLoopback() {
        NetworkFaultCommands c = NetworkFaultCommands.slowness("1mbit", "32kbit", Duration.ofMillis(400));

        assertThat(c.apply())
                .endsWith("set -e\nfor dev in $(ls /sys/class/net); do [ \"$dev\" = lo ] || "
                        + "tc qdisc replace dev \"$dev\" root tbf rate 1mbit burst 32kbit latency 400ms; done");
        assertThat(c.heal())
                .as("only a tbf is removed: another root qdisc is not the drill's")
                .contains("grep -q '^qdisc tbf' && tc qdisc del dev \"$dev\" root")
                .endsWith("; true");
        assertThat(c.healed()).isEqualTo("! tc qdisc show | grep -q '^qdisc tbf'");
        assertThat(c.mechanism()).contains("tc tbf rate 1mbit burst 32kbit latency 400ms", "netem is not used");
    }

    @Test
    void settingsOutsideWhatTheToolsTakeAreRefused() {
        assertThatThrownBy(() -> NetworkFaultCommands.loss(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkFaultCommands.loss(100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkFaultCommands.slowness("1 mbit; reboot", "32kbit", Duration.ofMillis(400)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkFaultCommands.slowness("1mbit", "32kb", Duration.ofMillis(400)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkFaultCommands.slowness("1mbit", "32kbit", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHolderUndoesTheFaultWhenStoppedOrWhenItsTimeIsUp() {
        NetworkFaultCommands c = NetworkFaultCommands.loss(30);

        List<String> holder = c.holder(Duration.ofMinutes(15));

        assertThat(holder).hasSize(3).startsWith("sh", "-c");
        assertThat(holder.get(2).lines())
                .containsExactly(
                        "heal() { " + c.heal() + "; }", "trap 'heal; exit 0' TERM INT", "sleep 900 & wait $!", "heal");
    }

    @Test
    void everyScriptIsValidSh() throws Exception {
        for (NetworkFaultCommands c : List.of(
                NetworkFaultCommands.loss(30),
                NetworkFaultCommands.receiveNothing(),
                NetworkFaultCommands.slowness("1mbit", "32kbit", Duration.ofMillis(400)))) {
            for (String script : List.of(
                    c.apply(),
                    c.heal(),
                    c.healed(),
                    c.holder(Duration.ofSeconds(5)).get(2))) {
                assertThat(parses(script)).as(script).isTrue();
            }
        }
    }

    private static boolean parses(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-n", "-c", script)
                .redirectErrorStream(true)
                .start();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void eachNetworkScenarioSaysItsMechanism() {
        assertThat(DrillScenario.LOSSY_PRIMARY.description()).contains("iptables statistic", "not netem", "30 %");
        assertThat(DrillScenario.SLOW_PRIMARY.description()).contains("tc tbf", "not netem", "1 mbit/s", "400 ms");
        assertThat(DrillScenario.ASYMMETRIC_PARTITION.description()).contains("iptables", "receives nothing");
        assertThat(new LossyPrimaryFault().commands().mechanism()).contains(LossyPrimaryFault.DEFAULT_PERCENT + " %");
        assertThat(new SlowPrimaryFault().commands().mechanism())
                .contains(
                        "rate " + SlowPrimaryFault.DEFAULT_RATE,
                        "latency " + SlowPrimaryFault.DEFAULT_LATENCY.toMillis());
    }
}
