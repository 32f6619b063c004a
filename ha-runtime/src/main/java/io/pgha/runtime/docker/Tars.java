package io.pgha.runtime.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** One file as a tar archive, the form in which Docker's API takes a file copied into a container. */
final class Tars {

    private Tars() {}

    /** {@code name} alone, to be unpacked into a folder that exists (its owner and mode are left as they are). */
    static byte[] oneFile(String name, byte[] content, int mode) {
        return archive(List.of(), name, content, mode);
    }

    /** {@code path} (absolute) with its parent folders (0755), to be unpacked at the container's root. */
    static byte[] atPath(String path, byte[] content, int mode) {
        String relative = path.substring(1);
        List<String> folders = new ArrayList<>();
        for (int i = relative.indexOf('/'); i > 0; i = relative.indexOf('/', i + 1)) {
            folders.add(relative.substring(0, i + 1));
        }
        return archive(folders, relative, content, mode);
    }

    private static byte[] archive(List<String> folders, String file, byte[] content, int mode) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (String folder : folders) {
                TarArchiveEntry entry = new TarArchiveEntry(folder);
                entry.setMode(040755);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
            TarArchiveEntry entry = new TarArchiveEntry(file);
            entry.setSize(content.length);
            entry.setMode(mode);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
