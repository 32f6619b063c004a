package io.pgha.runtime.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.StackSpecFile;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a desired spec changes, key by key, as a table over the running defaults (3 nodes, local images). */
class SpecDiffTest {

    private static final StackSpec NOW =
            StackSpec.builder().name("demo").images(ImageProfile.LOCAL).build();

    static Stream<Arguments> diffs() {
        return Stream.of(
                Arguments.of("the same spec", (UnaryOperator<StackSpec.Builder>) b -> b, List.of()),
                Arguments.of(
                        "one more node", (UnaryOperator<StackSpec.Builder>) b -> b.nodes(4), List.of("nodes: 3 → 4")),
                Arguments.of(
                        "a parameter added and the etcd members changed",
                        (UnaryOperator<StackSpec.Builder>)
                                b -> b.etcdMembers(5).postgresParameter("shared_buffers", "256MB"),
                        List.of("etcd_members: 3 → 5", "postgresql.parameters.shared_buffers: (unset) → 256MB")),
                Arguments.of(
                        "another image profile",
                        (UnaryOperator<StackSpec.Builder>) b -> b.images(ImageProfile.OFFICIAL),
                        List.of("images: local → official")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("diffs")
    void listsEveryChangedKey(String name, UnaryOperator<StackSpec.Builder> change, List<String> lines) {
        assertThat(SpecDiff.lines(NOW, change.apply(NOW.toBuilder()).build())).containsExactlyElementsOf(lines);
    }

    @Test
    void theRunningSpecWrittenAndReadBackChangesNothing() {
        StackSpec read = StackSpecFile.parse(StackSpecFile.write(NOW)).build();
        assertThat(SpecDiff.lines(NOW, read)).isEmpty();
        assertThat(ApplyPlanner.plan(RunningStack.healthy(NOW), read).empty()).isTrue();
    }
}
