package io.pgha.runtime.provision;

import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.StackSpecFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A spec as its YAML and a short hash of it: labels on every container tell which spec made it. */
record SpecFingerprint(String yaml, String hash) {

    static SpecFingerprint of(StackSpec spec) {
        String yaml = StackSpecFile.write(spec);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(yaml.getBytes(StandardCharsets.UTF_8));
            return new SpecFingerprint(yaml, HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
