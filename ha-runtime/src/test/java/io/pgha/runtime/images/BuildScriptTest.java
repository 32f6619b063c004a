package io.pgha.runtime.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build script's progress reaches the caller line by line, and its own ERROR line becomes the failure's message. */
class BuildScriptTest {

    @TempDir
    Path dir;

    private Path script(String body) throws IOException {
        Path script = dir.resolve("build-local.sh");
        Files.writeString(script, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void progressLinesArePassedOnWithoutThePrefixAndTheArgumentsReachTheScript() throws IOException {
        Path script = script("""
                echo "[build-local] args: $*"
                echo "[build-local] (1/5) pgha/spilo-17:local"
                echo "pgha/spilo-17:local"
                """);
        List<String> lines = new ArrayList<>();
        new BuildScript(script).supervisor("eclipse-temurin:21-jre", lines::add);
        assertThat(lines)
                .containsExactly(
                        "args: --supervisor-only --jre-image eclipse-temurin:21-jre", "(1/5) pgha/spilo-17:local");

        lines.clear();
        new BuildScript(script).localImages(lines::add);
        assertThat(lines).first().isEqualTo("args: ");
    }

    @Test
    void aFailureSaysWhatTheScriptSaysToDo() throws IOException {
        Path script = script("""
                echo "[build-local] building"
                echo "some docker noise" >&2
                echo "[build-local] ERROR: making the base image with debootstrap needs root, once: run sudo pgha up" >&2
                exit 1
                """);
        assertThatThrownBy(() -> new BuildScript(script).localImages(line -> {}))
                .isInstanceOf(PghaException.class)
                .hasMessage(
                        "building the images failed: making the base image with debootstrap needs root, once: run sudo pgha up");
    }

    @Test
    void withoutAnErrorLineTheLastLinesAreShown() throws IOException {
        Path script = script("echo 'docker: no space left on device' >&2\nexit 3\n");
        assertThatThrownBy(() -> new BuildScript(script).localImages(line -> {}))
                .hasMessageContaining("exit 3")
                .hasMessageContaining("no space left on device");
    }
}
