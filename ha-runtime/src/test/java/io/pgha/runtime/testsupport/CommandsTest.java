package io.pgha.runtime.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {

    @Test
    void aCommandThatAnswersInTimeGivesItsOutputAndExitCode() {
        Commands.Result r = Commands.run(Duration.ofSeconds(10), "sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
    }

    @Test
    void aHungJvmIsReportedWithItsThreads(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("Hang.java");
        Files.writeString(source, """
                public class Hang {
                    public static void main(String[] args) throws Exception {
                        System.out.println("started");
                        Thread.sleep(60_000);
                    }
                }
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertThatThrownBy(() -> Commands.run(Duration.ofSeconds(8), java, source.toString()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("timed out after PT8S")
                .hasMessageContaining("started")
                .hasMessageContaining("Full thread dump")
                .hasMessageContaining("Hang.main");
    }
}
