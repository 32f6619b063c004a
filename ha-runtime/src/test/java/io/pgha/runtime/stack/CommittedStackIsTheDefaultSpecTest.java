package io.pgha.runtime.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.testsupport.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The golden test: the committed compose file and haproxy.cfg are exactly what the committed spec (the defaults with the seed's open security) renders.
 * When it fails, regenerate them with `./pgha export-compose --out stack` and review the diff.
 */
class CommittedStackIsTheDefaultSpecTest {

    @Test
    void composeFileIsTheDefaultSpecRendered() throws IOException {
        assertThat(Files.readString(RepoPaths.composeFile()))
                .as(
                        "stack/docker-compose.yml differs from the default spec's rendering; run ./pgha export-compose --seed-security --out stack")
                .isEqualTo(ComposeRenderer.render(StackSpec.committed()));
    }

    @Test
    void haproxyConfigIsTheDefaultSpecRendered() throws IOException {
        assertThat(Files.readString(RepoPaths.stackDir().resolve("haproxy/haproxy.cfg")))
                .as(
                        "stack/haproxy/haproxy.cfg differs from the default spec's rendering; run ./pgha export-compose --seed-security --out stack")
                .isEqualTo(HaproxyRenderer.render(StackSpec.committed()));
    }

    @Test
    void prometheusConfigIsTheDefaultSpecRendered() throws IOException {
        assertThat(Files.readString(RepoPaths.stackDir().resolve(PrometheusRenderer.CONFIG_FILE)))
                .as(
                        "stack/prometheus/prometheus.yml differs from the default spec's rendering; run ./pgha export-compose --seed-security --out stack")
                .isEqualTo(PrometheusRenderer.render(StackSpec.committed()));
    }

    @Test
    void localEnvIsRendered() throws IOException {
        assertThat(Files.readString(RepoPaths.localEnv())).isEqualTo(ComposeRenderer.localEnv());
    }
}
