package io.pgha.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class TarsTest {

    @Test
    void aFileAtAPathComesWithItsParentFoldersAndItsMode() throws IOException {
        List<String> entries = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new ByteArrayInputStream(Tars.atPath("/run/pgha/secret", "pw".getBytes(), 0400)))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.add(e.getName() + " " + Integer.toOctalString(e.getMode() & 07777) + " "
                        + (e.isDirectory() ? "dir" : new String(tar.readAllBytes())));
            }
        }
        assertThat(entries).containsExactly("run/ 755 dir", "run/pgha/ 755 dir", "run/pgha/secret 400 pw");
    }

    @Test
    void aFileAloneHasNoFolderEntry() throws IOException {
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new ByteArrayInputStream(Tars.oneFile("pgpass", "x".getBytes(), 0600)))) {
            TarArchiveEntry only = tar.getNextEntry();
            assertThat(only.getName()).isEqualTo("pgpass");
            assertThat(only.getMode() & 07777).isEqualTo(0600);
            assertThat(tar.getNextEntry()).isNull();
        }
    }
}
