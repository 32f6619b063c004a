package io.pgha.runtime.provision;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackImages;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Turns an image profile into images that are on the engine, pulling official ones when they are missing. */
final class ImageResolver {

    static final String BUILD_LOCAL = "stack/images/build-local.sh (in the pgha repository; about 2 minutes the first time)";
    private final DockerEngine docker;

    ImageResolver(DockerEngine docker) {
        this.docker = docker;
    }

    /**
     * The concrete profile to run. AUTO keeps the profile of a stack that already exists, else takes the
     * official images when present, the local ones when built, else tries to pull the official ones.
     */
    ImageProfile resolve(ImageProfile wanted, Optional<ImageProfile> existing, Consumer<String> progress) {
        return switch (wanted) {
            case LOCAL -> requireLocal();
            case OFFICIAL -> pullOfficial(progress, "");
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
                yield pullOfficial(progress, "; the local images are not built either: build them with " + BUILD_LOCAL
                        + " and run pgha up --images local");
            }
        };
    }

    private ImageProfile requireLocal() {
        List<String> missing = missing(StackImages.LOCAL);
        if (!missing.isEmpty()) {
            throw PghaException.notFound("the local images " + String.join(", ", missing) + " are not on this machine; build them with "
                    + BUILD_LOCAL + ", or use --images official where a registry is reachable");
        }
        return ImageProfile.LOCAL;
    }

    private ImageProfile pullOfficial(Consumer<String> progress, String alternative) {
        for (String image : missing(StackImages.OFFICIAL)) {
            try {
                docker.pullImage(image, progress);
            } catch (PghaException e) {
                throw new PghaException(PghaException.Kind.UNAVAILABLE, "image " + image + " is not on this machine and cannot be pulled ("
                        + e.getMessage() + ")" + (alternative.isEmpty()
                        ? "; without registry access build local images with " + BUILD_LOCAL + " and run pgha up --images local"
                        : alternative), e);
            }
        }
        return ImageProfile.OFFICIAL;
    }

    private List<String> missing(StackImages images) {
        return images.all().stream().filter(i -> !docker.imagePresent(i)).toList();
    }
}
