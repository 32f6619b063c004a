package io.pgha.runtime.dcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.dcs.EtcdAccessPolicy.Access;
import io.pgha.runtime.dcs.EtcdAccessPolicy.Permission;
import io.pgha.runtime.supervisor.SupervisorSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EtcdAccessPolicyTest {

    private final EtcdAccessPolicy policy = EtcdAccessPolicy.forScope("/service/", "pg-ha");

    @Test
    void eachClientHasItsOwnUserAndRole() {
        assertThat(policy.userNames()).containsExactly("root", "patroni", "pgha-supervisor", "pgha");
        policy.users().forEach(u -> assertThat(u.roles()).containsExactly(u.name()));
    }

    @Test
    void patroniReadsAndWritesItsScopeOnly() {
        assertThat(policy.role("patroni").orElseThrow().permissions())
                .containsExactly(Permission.prefix(Access.READWRITE, "/service/pg-ha/"));
    }

    @Test
    void theSupervisorReadsTheScopeAndWritesOnlyTheLeaderKeyAndItsHeartbeat() {
        assertThat(policy.role("pgha-supervisor").orElseThrow().permissions())
                .containsExactly(
                        Permission.prefix(Access.READ, "/service/pg-ha/"),
                        Permission.key(Access.WRITE, "/service/pg-ha/leader"),
                        Permission.key(Access.READWRITE, "/pgha/pg-ha/supervisor"));
    }

    @Test
    void pghaReadsAndWritesTheScopeAndReadsItsOwnKeys() {
        assertThat(policy.role("pgha").orElseThrow().permissions())
                .containsExactly(
                        Permission.prefix(Access.READWRITE, "/service/pg-ha/"),
                        Permission.prefix(Access.READ, "/pgha/pg-ha/"));
    }

    @Test
    void rootHasNoListedPermissions() {
        assertThat(policy.role("root").orElseThrow().permissions()).isEmpty();
    }

    @Test
    void theHeartbeatKeyIsTheOneTheSupervisorWrites() {
        SupervisorSettings settings = new SupervisorSettings(
                "pg-ha",
                "/service/",
                List.of("etcd-1:2379"),
                List.of("pg-0"),
                "",
                "pg-router:9999",
                8008,
                true,
                true,
                Duration.ofSeconds(15),
                Optional.empty(),
                5432,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        assertThat(EtcdAccessPolicy.supervisorStateKey("pg-ha")).isEqualTo(settings.stateKey());
    }

    @Test
    void aPrefixEndsWhereEtcdctlsPrefixEnds() {
        Permission p = Permission.prefix(Access.READ, "/service/pg-ha/");
        assertThat(new String(p.rangeEnd().orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("/service/pg-ha0");
        assertThat(Permission.key(Access.WRITE, "/service/pg-ha/leader").rangeEnd())
                .isEmpty();
        assertThat(EtcdAccessPolicy.prefixEnd(new byte[] {'a', (byte) 0xff})).containsExactly('b');
        assertThat(EtcdAccessPolicy.prefixEnd(new byte[] {(byte) 0xff})).containsExactly(0);
    }

    @Test
    void aScopeOfAnotherNameIsNotCovered() {
        // /service/pg-ha/ must not cover /service/pg-ha2/: the trailing slash is part of the prefix
        Permission p = Permission.prefix(Access.READWRITE, "/service/pg-ha/");
        byte[] end = p.rangeEnd().orElseThrow();
        byte[] other = "/service/pg-ha2/leader".getBytes(StandardCharsets.UTF_8);
        assertThat(java.util.Arrays.compare(other, end)).isPositive();
    }

    @Test
    void theNamespaceIsNormalised() {
        assertThat(EtcdAccessPolicy.forScope("service", "x")
                        .role("patroni")
                        .orElseThrow()
                        .permissions())
                .containsExactly(Permission.prefix(Access.READWRITE, "/service/x/"));
    }

    @Test
    void refusesAScopeThatWouldWidenThePrefix() {
        assertThatThrownBy(() -> EtcdAccessPolicy.forScope("/service/", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EtcdAccessPolicy.forScope("/service/", "a/b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPolicyWithoutRootCannotTurnAuthenticationOn() {
        assertThatThrownBy(() -> new EtcdAccessPolicy(
                        List.of(new EtcdAccessPolicy.Role("patroni", List.of())),
                        List.of(new EtcdAccessPolicy.User("patroni", List.of("patroni")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("root");
    }
}
