package io.pgha.runtime.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What one spec changes in another, key by key: for up's drift, apply's plan and the console's Apply spec. */
class SpecDifferencesTest {

    private static final StackSpec NOW =
            StackSpec.builder().name("demo").images(ImageProfile.LOCAL).build();

    static Stream<Arguments> differences() {
        return Stream.of(
                Arguments.of("the same spec", (UnaryOperator<StackSpec.Builder>) b -> b, List.of()),
                Arguments.of(
                        "one more node", (UnaryOperator<StackSpec.Builder>) b -> b.nodes(4), List.of("nodes: 3 -> 4")),
                Arguments.of(
                        "a parameter added and the etcd members changed",
                        (UnaryOperator<StackSpec.Builder>)
                                b -> b.etcdMembers(5).postgresParameter("shared_buffers", "256MB"),
                        List.of("etcd_members: 3 -> 5", "postgresql.parameters.shared_buffers: (none) -> 256MB")),
                Arguments.of(
                        "another image profile",
                        (UnaryOperator<StackSpec.Builder>) b -> b.images(ImageProfile.OFFICIAL),
                        List.of("images: local -> official")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differences")
    void listsEveryChangedKey(String name, UnaryOperator<StackSpec.Builder> change, List<String> lines) {
        assertThat(SpecDifferences.between(NOW, change.apply(NOW.toBuilder()).build()))
                .containsExactlyElementsOf(lines);
    }

    @Test
    void theSpecWrittenAndReadBackChangesNothing() {
        assertThat(SpecDifferences.between(
                        NOW, StackSpecFile.parse(StackSpecFile.write(NOW)).build()))
                .isEmpty();
    }

    @Test
    void namesEachChangedKey() {
        StackSpec a = StackSpec.defaults();
        StackSpec b = a.toBuilder()
                .nodes(5)
                .patroni(new PatroniTuning(30, 2, 5, SynchronousMode.OFF, 1, 1_048_576, 10))
                .postgresParameter("work_mem", "8MB")
                .build();
        assertThat(SpecDifferences.between(a, b))
                .containsExactly(
                        "nodes: 3 -> 5",
                        "patroni.ttl: 20 -> 30",
                        "patroni.synchronous_mode: quorum -> off",
                        "postgresql.parameters.work_mem: (none) -> 8MB");
        assertThat(SpecDifferences.between(a, a)).isEmpty();
    }
}
