package io.pgha.runtime.provision;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.images.BuildScript;
import io.pgha.runtime.images.ImageBuilder;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackImages;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns an image profile into images that are on the engine: official ones are pulled when missing, local ones and the
 * supervisor's are built when missing (docs/decisions/0014), so a start never stops at a prerequisite the user must
 * discover.
 */
final class ImageResolver {

    /** The JRE the supervisor runs on with the official profile, where a registry is reachable. */
    static final String OFFICIAL_JRE = StackImages.SUPERVISOR_JRE;

    private final DockerEngine docker;
    private final Supplier<ImageBuilder> builds;

    ImageResolver(DockerEngine docker) {
        this(docker, BuildScript::ofThisPgha);
    }

    ImageResolver(DockerEngine docker, Supplier<ImageBuilder> builds) {
        this.docker = docker;
        this.builds = builds;
    }

    /**
     * The concrete profile to run. AUTO keeps the profile of a stack that already exists, else takes the official images
     * when present, the local ones when built, else pulls the official ones, and builds the local ones when that fails.
     */
    ImageProfile resolve(ImageProfile wanted, Optional<ImageProfile> existing, Consumer<String> progress) {
        return switch (wanted) {
            case LOCAL -> local(progress);
            case OFFICIAL -> official(progress);
            case AUTO -> {
                if (existing.isPresent() && existing.get() != ImageProfile.AUTO) {
                    yield resolve(existing.get(), Optional.empty(), progress);
                }
                if (missing(StackImages.OFFICIAL).isEmpty()) {
                    yield ImageProfile.OFFICIAL;
                }
                if (missing(StackImages.LOCAL).isEmpty()) {
                    yield ImageProfile.LOCAL;
                }
                try {
                    yield official(progress);
                } catch (PghaException unreachable) {
                    progress.accept("the official images cannot be pulled (" + unreachable.getMessage()
                            + "): building the local ones from Debian packages, a few minutes once");
                    yield local(progress);
                }
            }
        };
    }

    /** The supervisor's image, built from the pgha jars this process runs on when it is missing or older than them. */
    void ensureSupervisor(ImageProfile profile, Consumer<String> progress) {
        builds.get().supervisor(profile == ImageProfile.OFFICIAL ? OFFICIAL_JRE : "", progress);
        if (!docker.imagePresent(StackImages.SUPERVISOR)) {
            throw PghaException.notFound("the supervisor image " + StackImages.SUPERVISOR + " was not built; run "
                    + "stack/images/build-local.sh --supervisor-only to see why, or pgha up --no-supervisor");
        }
    }

    private ImageProfile local(Consumer<String> progress) {
        if (!missing(StackImages.LOCAL).isEmpty()) {
            progress.accept(
                    "building the local images (" + String.join(", ", missing(StackImages.LOCAL)) + " missing)");
            builds.get().localImages(progress);
            List<String> still = missing(StackImages.LOCAL);
            if (!still.isEmpty()) {
                throw PghaException.notFound("the local images " + String.join(", ", still) + " were not built; run "
                        + "stack/images/build-local.sh to see why");
            }
        }
        return ImageProfile.LOCAL;
    }

    private ImageProfile official(Consumer<String> progress) {
        for (String image : missing(StackImages.OFFICIAL)) {
            try {
                docker.pullImage(image, progress);
            } catch (PghaException e) {
                throw new PghaException(
                        PghaException.Kind.UNAVAILABLE,
                        "image " + image + " is not on this machine and cannot be " + "pulled (" + e.getMessage()
                                + "); without registry access use --images local (pgha builds them)",
                        e);
            }
        }
        return ImageProfile.OFFICIAL;
    }

    private List<String> missing(StackImages images) {
        return images.all().stream().filter(i -> !docker.imagePresent(i)).toList();
    }
}
