package io.pgha.runtime.provision;

import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.StackSpecFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A spec as its YAML and a short hash of it: labels on every container tell which spec made it. The hash also covers
 * {@link #LAYOUT}, which changes when the same spec starts to make different containers, so that a stack an older pgha
 * made is refused as drift instead of being half-changed in place.
 */
record SpecFingerprint(String yaml, String hash) {

    /** Bumped when a spec's containers change incompatibly: "etcd-tls", etcd with TLS and users (docs/decisions/0019). */
    static final String LAYOUT = "etcd-tls";

    static SpecFingerprint of(StackSpec spec) {
        String yaml = StackSpecFile.write(spec);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((yaml + "# layout " + LAYOUT + "\n").getBytes(StandardCharsets.UTF_8));
            return new SpecFingerprint(yaml, HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
