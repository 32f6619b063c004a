package io.pgha.runtime.monitor;

import java.util.function.Supplier;

/**
 * A client made on first use, by whichever source thread needs it first: the heavy ones (jetcd, docker-java)
 * then load their classes in parallel on the sources' threads instead of one after the other while the
 * monitor starts, which is most of what {@code pgha status} waits for.
 */
final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> factory;
    private volatile T value;

    Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                if (value == null) {
                    value = factory.get();
                }
                v = value;
            }
        }
        return v;
    }
}
