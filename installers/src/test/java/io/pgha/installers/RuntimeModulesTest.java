package io.pgha.installers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeModulesTest {

    @Test
    void keepsEverythingJdepsFoundAndTheExtrasThisJdkHas() {
        SortedSet<String> modules = RuntimeModules.select(
                Set.of("java.sql", "java.base"),
                Set.of("jdk.zipfs", "jdk.gone"),
                Set.of("java.base", "java.sql", "jdk.zipfs"));
        assertThat(modules).containsExactly("java.base", "java.sql", "jdk.zipfs");
    }

    @Test
    void aModuleTheApplicationUsesButTheJdkLacksFailsTheBuild() {
        assertThatThrownBy(() ->
                        RuntimeModules.select(Set.of("java.base", "javafx.controls"), Set.of(), Set.of("java.base")))
                .hasMessageContaining("javafx.controls")
                .hasMessageContaining("full JDK");
    }

    @Test
    void writesOneJlinkOption() {
        assertThat(RuntimeModules.argumentFile(RuntimeModules.parseList(" java.sql, java.base,,")))
                .isEqualTo("--add-modules java.base,java.sql" + System.lineSeparator());
    }

    @Test
    void findsOnlyTheJarsOfTheDirectory(@TempDir Path dir) throws IOException {
        Files.createFile(dir.resolve("b.jar"));
        Files.createFile(dir.resolve("a.jar"));
        Files.createFile(dir.resolve("libglass.so"));
        Files.createDirectories(dir.resolve("stack"));
        assertThat(RuntimeModules.jarsIn(dir)).containsExactly(dir.resolve("a.jar"), dir.resolve("b.jar"));
    }

    @Test
    void anEmptyDirectoryIsAnError(@TempDir Path dir) {
        assertThatThrownBy(() -> RuntimeModules.jarsIn(dir)).hasMessageContaining("no jars");
    }

    @Test
    void jdepsSeesTheJdbcDriverUseJavaSql() throws ClassNotFoundException, URISyntaxException {
        Path pgjdbc = Path.of(Class.forName("org.postgresql.Driver")
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        assertThat(RuntimeModules.jdeps(List.of(pgjdbc)))
                .contains("java.sql")
                .allMatch(m -> m.startsWith("java.") || m.startsWith("jdk."));
    }

    @Test
    void theJdkModulesAreKnown() {
        assertThat(RuntimeModules.systemModules()).contains("java.base", "java.desktop");
    }
}
