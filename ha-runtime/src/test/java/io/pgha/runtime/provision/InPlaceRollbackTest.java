package io.pgha.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rollback's script run for real with sh on directories laid out as a failed in-place restore leaves them. */
class InPlaceRollbackTest {

    @TempDir
    Path root;

    @Test
    void theSetAsideDataComesBackAndWhatTheFailedAttemptLeftGoes() throws Exception {
        Path pg0 = root.resolve("pg-0");
        Path pg1 = root.resolve("pg-1");
        Path pg2 = root.resolve("pg-2");
        // pg-0: the failed attempt's restored files at the top, this attempt's and an older attempt's set aside
        write(pg0.resolve("pgroot/data/restored"));
        write(pg0.resolve(".pgha-before-restore-1765000000/pgroot/data/PG_VERSION"));
        write(pg0.resolve(".pgha-before-restore-1765000000/.hidden"));
        write(pg0.resolve(".pgha-before-restore-1764000000/older"));
        // pg-1: an empty data directory left at the top, its data set aside
        Files.createDirectories(pg1.resolve("pgroot/data"));
        write(pg1.resolve(".pgha-before-restore-1765000000/pgroot/data/PG_VERSION"));
        // pg-2: the attempt never got to it
        write(pg2.resolve("pgroot/data/PG_VERSION"));

        String out = run(InPlaceRollback.moveBackScript("1765000000"));

        assertThat(out.lines().toList()).containsExactly("pg-0", "pg-1");
        assertThat(tree(pg0))
                .containsExactlyInAnyOrder(
                        ".hidden", "pgroot/data/PG_VERSION", ".pgha-before-restore-1764000000/older");
        assertThat(tree(pg1)).containsExactly("pgroot/data/PG_VERSION");
        assertThat(tree(pg2)).containsExactly("pgroot/data/PG_VERSION");
        // run again: nothing left to move, nothing changes
        assertThat(run(InPlaceRollback.moveBackScript("1765000000"))).isEmpty();
        assertThat(tree(pg1)).containsExactly("pgroot/data/PG_VERSION");
    }

    private String run(String script) throws IOException, InterruptedException {
        String local = script.replace(RestoreSeed.ASIDE_MOUNT, root + "/");
        Process p =
                new ProcessBuilder("sh", "-c", local).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, file.getFileName().toString());
    }

    private static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .map(f -> dir.relativize(f).toString())
                    .toList();
        }
    }
}
