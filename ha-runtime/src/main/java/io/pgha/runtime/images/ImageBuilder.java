package io.pgha.runtime.images;

import java.util.function.Consumer;

/** Builds the images pgha makes itself; each call is idempotent and fast when the images are current. */
public interface ImageBuilder {

    /** Every local image: PostgreSQL with Patroni, etcd, HAProxy, the exporter, and the supervisor's. */
    void localImages(Consumer<String> progress);

    /** Only the supervisor's image, on the given JRE image (empty: the local one, built from Debian packages). */
    void supervisor(String jreImage, Consumer<String> progress);
}
