package io.pgha.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.docker.EngineInfo;
import io.pgha.runtime.images.ImageBuilder;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackImages;
import io.pgha.runtime.testsupport.RefusingDockerEngine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Which images a start uses, and what it builds or pulls first: a start never stops at a missing prerequisite. */
class ImageResolverTest {

    /** An engine that only knows which images it has, and whether a registry answers. */
    private static final class Images extends RefusingDockerEngine {
        final Set<String> present = new HashSet<>();
        final List<String> pulled = new ArrayList<>();
        boolean registry;

        @Override
        public boolean imagePresent(String image) {
            return present.contains(image);
        }

        @Override
        public void pullImage(String image, Consumer<String> progress) {
            if (!registry) {
                throw PghaException.unavailable("lookup quay.io: no such host");
            }
            pulled.add(image);
            present.add(image);
        }

        @Override
        public EngineInfo info() {
            throw new UnsupportedOperationException();
        }
    }

    /** Records what it was asked to build, and "builds" it into the engine. */
    private static final class Builds implements ImageBuilder {
        final Images engine;
        final List<String> asked = new ArrayList<>();

        Builds(Images engine) {
            this.engine = engine;
        }

        @Override
        public void localImages(Consumer<String> progress) {
            asked.add("local");
            engine.present.addAll(StackImages.LOCAL.all());
            engine.present.add(StackImages.SUPERVISOR);
        }

        @Override
        public void supervisor(String jreImage, Consumer<String> progress) {
            asked.add("supervisor on " + (jreImage.isEmpty() ? "the local JRE" : jreImage));
            engine.present.add(StackImages.SUPERVISOR);
        }
    }

    private final Images engine = new Images();
    private final Builds builds = new Builds(engine);
    private final ImageResolver resolver = new ImageResolver(engine, () -> builds);
    private final List<String> progress = new ArrayList<>();

    @Test
    void autoOnAFreshMachineWithoutARegistryBuildsTheLocalImages() {
        assertThat(resolver.resolve(ImageProfile.AUTO, Optional.empty(), progress::add))
                .isEqualTo(ImageProfile.LOCAL);
        assertThat(builds.asked).containsExactly("local");
        assertThat(progress)
                .anySatisfy(
                        line -> assertThat(line).contains("cannot be pulled").contains("building the local ones"));
    }

    @Test
    void autoWithARegistryPullsTheOfficialImages() {
        engine.registry = true;
        assertThat(resolver.resolve(ImageProfile.AUTO, Optional.empty(), progress::add))
                .isEqualTo(ImageProfile.OFFICIAL);
        assertThat(engine.pulled).containsExactlyInAnyOrderElementsOf(StackImages.OFFICIAL.all());
        assertThat(builds.asked).isEmpty();
    }

    @Test
    void autoTakesTheLocalImagesWhenTheyAreThereAndBuildsNothing() {
        engine.present.addAll(StackImages.LOCAL.all());
        assertThat(resolver.resolve(ImageProfile.AUTO, Optional.empty(), progress::add))
                .isEqualTo(ImageProfile.LOCAL);
        assertThat(builds.asked).isEmpty();
        assertThat(engine.pulled).isEmpty();
    }

    @Test
    void autoKeepsTheProfileOfAStackThatRuns() {
        engine.present.addAll(StackImages.OFFICIAL.all());
        engine.present.addAll(StackImages.LOCAL.all());
        assertThat(resolver.resolve(ImageProfile.AUTO, Optional.of(ImageProfile.LOCAL), progress::add))
                .isEqualTo(ImageProfile.LOCAL);
    }

    @Test
    void localBuildsOnlyWhatIsMissing() {
        assertThat(resolver.resolve(ImageProfile.LOCAL, Optional.empty(), progress::add))
                .isEqualTo(ImageProfile.LOCAL);
        assertThat(resolver.resolve(ImageProfile.LOCAL, Optional.empty(), progress::add))
                .isEqualTo(ImageProfile.LOCAL);
        assertThat(builds.asked).containsExactly("local");
    }

    @Test
    void officialWithoutARegistryIsRefusedWithWhatToDoInstead() {
        assertThatThrownBy(() -> resolver.resolve(ImageProfile.OFFICIAL, Optional.empty(), progress::add))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("cannot be pulled")
                .hasMessageContaining("--images local");
        assertThat(builds.asked).isEmpty();
    }

    @Test
    void theSupervisorIsBuiltOnTheJreOfTheProfile() {
        resolver.ensureSupervisor(ImageProfile.OFFICIAL, progress::add);
        resolver.ensureSupervisor(ImageProfile.LOCAL, progress::add);
        assertThat(builds.asked)
                .containsExactly("supervisor on " + StackImages.SUPERVISOR_JRE, "supervisor on the local JRE");
    }

    @Test
    void aSupervisorThatWasNotBuiltIsReported() {
        ImageResolver broken = new ImageResolver(engine, () -> new ImageBuilder() {
            @Override
            public void localImages(Consumer<String> progress) {}

            @Override
            public void supervisor(String jreImage, Consumer<String> progress) {}
        });
        assertThatThrownBy(() -> broken.ensureSupervisor(ImageProfile.LOCAL, progress::add))
                .hasMessageContaining(StackImages.SUPERVISOR)
                .hasMessageContaining("--no-supervisor");
    }
}
