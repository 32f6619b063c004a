package io.pgha.runtime.stack;

import io.pgha.runtime.PghaException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which images a stack runs: the official ones, the ones build-local.sh makes, or whichever is available. */
public enum ImageProfile {
    /** Spilo 17, etcd 3.6, HAProxy 3.3 and postgres-exporter from their registries. */
    OFFICIAL,
    /** The images stack/images/build-local.sh builds from Debian packages (no registry needed). */
    LOCAL,
    /** Official when present or pullable, else local when built. */
    AUTO;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImageProfile parse(String text) {
        for (ImageProfile p : values()) {
            if (p.id().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return p;
            }
        }
        throw PghaException.invalidInput("unknown image profile '" + text + "': use one of "
                + Arrays.stream(values()).map(ImageProfile::id).collect(Collectors.joining(", ")));
    }
}
