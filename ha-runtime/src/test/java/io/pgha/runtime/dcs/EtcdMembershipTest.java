package io.pgha.runtime.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.dcs.EtcdMembership.Member;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The initial cluster a joining member is started with: etcd's list, the one not started named as it will be; and the
 * member a removal finds, by name or by peer URL (one added but never started has no name).
 */
class EtcdMembershipTest {

    @Test
    void theJoiningMemberIsNamedAndTheOthersKeepTheirNames() {
        List<Member> listed = List.of(
                new Member(0x11, "etcd-1", List.of("https://etcd-1:2380")),
                new Member(0x33, "etcd-3", List.of("https://etcd-3:2380")),
                new Member(0x22, "", List.of("https://etcd-2:2380")));
        assertThat(EtcdMembership.initialCluster(listed, 0x22, "etcd-2"))
                .isEqualTo("etcd-1=https://etcd-1:2380,etcd-3=https://etcd-3:2380,etcd-2=https://etcd-2:2380");
        assertThat(listed.get(2).started()).isFalse();
        assertThat(listed.get(0).hexId()).isEqualTo("11");
    }

    /** The member a removal of {@code name} (peers reach it at {@code peer}) finds: its id in hex, or none. */
    @ParameterizedTest(name = "{0} at {1}: {2}")
    @CsvSource({
        "etcd-1, https://etcd-1:2380, 11",
        "etcd-3, https://etcd-3:2380, 33",
        // added to etcd's members, never started: no name, found by its peer URL
        "etcd-2, https://etcd-2:2380, 22",
        "etcd-2, https://etcd-2:2380/, 22",
        "etcd-4, https://etcd-4:2380, none",
        // a name wins over another member's peer URL
        "etcd-1, https://etcd-3:2380, 11",
    })
    void aMemberIsFoundByNameOrPeerUrl(String name, String peer, String found) {
        List<Member> listed = List.of(
                new Member(0x11, "etcd-1", List.of("https://etcd-1:2380")),
                new Member(0x33, "etcd-3", List.of("https://etcd-3:2380")),
                new Member(0x22, "", List.of("https://etcd-2:2380")));
        Optional<Member> m = EtcdMembership.find(listed, name, peer);
        assertThat(m.map(Member::hexId).orElse("none")).isEqualTo(found);
    }
}
