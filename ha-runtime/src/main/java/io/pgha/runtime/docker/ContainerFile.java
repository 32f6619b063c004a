package io.pgha.runtime.docker;

import java.util.Objects;

/** A file to put into a container: an absolute path, its bytes, mode (e.g. 0400) and owner's numeric user and group id. */
public record ContainerFile(String path, byte[] content, int mode, int uid, int gid) {

    public ContainerFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + path);
        }
    }

    @Override
    public String toString() {
        // the content may be a secret: never print it
        return "ContainerFile[" + path + ", " + Integer.toOctalString(mode) + ", uid " + uid + "]";
    }
}
