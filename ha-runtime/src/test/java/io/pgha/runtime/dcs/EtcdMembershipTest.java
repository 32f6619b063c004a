package io.pgha.runtime.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.dcs.EtcdMembership.Member;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The initial cluster a joining member is started with: etcd's list, the one not started named as it will be. */
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
}
