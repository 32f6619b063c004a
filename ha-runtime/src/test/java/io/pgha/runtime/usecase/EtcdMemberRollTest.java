package io.pgha.runtime.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.dcs.EtcdMemberTls;
import io.pgha.runtime.docker.ContainerFile;
import io.pgha.runtime.docker.ExecResult;
import io.pgha.runtime.pki.ClusterPki;
import io.pgha.runtime.testsupport.RefusingDockerEngine;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The etcd roll of a CA rotation against a simulated three-member etcd (a member answers /health healthy while it runs
 * and a majority runs): a member restarts only while every member is healthy, never two are down at once, and a new
 * certificate is copied before the restart and checked after it.
 */
class EtcdMemberRollTest {

    @TempDir
    Path dir;

    private final Etcd etcd = new Etcd(List.of("etcd-1", "etcd-2", "etcd-3"));

    @Test
    void restartsOneMemberAndReturnsOnceAllAreHealthyAgain() {
        String note = roll().restart("etcd-2");

        assertThat(etcd.actions).containsExactly("stop c-etcd-2", "start c-etcd-2");
        assertThat(etcd.mostDownAtOnce).isEqualTo(1);
        assertThat(note).startsWith("etcd-2 restarted, the 3 etcd members healthy again after");
    }

    @Test
    void refusesToRestartWhileAnotherMemberIsDownSoQuorumIsNeverLost() {
        etcd.running.put("c-etcd-3", false);

        assertThatThrownBy(() -> roll().restart("etcd-1"))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("etcd-3 not healthy")
                .hasMessageContaining("quorum");
        assertThat(etcd.actions).as("nothing stopped").isEmpty();
    }

    @Test
    void aNewCertificateIsCopiedBeforeTheRestartAndCheckedOnBothPortsAfterIt() {
        ClusterPki pki = pki();
        pki.ensure(EtcdMemberTls.certificateRequest("etcd-1"));
        String before = pki.certificates().stream()
                .filter(c -> c.name().equals("etcd-1"))
                .findFirst()
                .orElseThrow()
                .certificate()
                .getSerialNumber()
                .toString(16);

        String note = new EtcdMemberRoll(etcd, pki, etcd::members, Clock.systemUTC()).rotate("etcd-1");

        assertThat(etcd.actions)
                .containsExactly(
                        "copy c-etcd-1 /run/pgha/tls/ca.crt,/run/pgha/tls/server.crt,/run/pgha/tls/server.key",
                        "stop c-etcd-1",
                        "start c-etcd-1");
        String after = pki.certificates().stream()
                .filter(c -> c.name().equals("etcd-1"))
                .findFirst()
                .orElseThrow()
                .certificate()
                .getSerialNumber()
                .toString(16);
        assertThat(after).isNotEqualTo(before);
        assertThat(note).startsWith("etcd-1 serves certificate ").contains("to clients and peers");
        assertThat(etcd.keyMode).isEqualTo(0600);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"health\":\"true\",\"reason\":\"\"} | true",
                "{\"health\": \"true\"}             | true",
                "{\"health\":\"false\",\"reason\":\"RAFT NO LEADER\"} | false",
                "curl: (7) Failed to connect       | false"
            })
    void readsEtcdsHealthAnswer(String body, boolean healthy) {
        assertThat(EtcdMemberRoll.healthyAnswer(body)).isEqualTo(healthy);
    }

    private EtcdMemberRoll roll() {
        return new EtcdMemberRoll(etcd, pki(), etcd::members, Clock.systemUTC());
    }

    private ClusterPki pki() {
        return new ClusterPki(dir.resolve("pki"), "test", Clock.systemUTC());
    }

    /** Containers c-etcd-N; health true while running with a majority running; the served serial is the copied one. */
    private static final class Etcd extends RefusingDockerEngine {
        final Map<String, Boolean> running = new LinkedHashMap<>();
        final List<String> actions = new ArrayList<>();
        int mostDownAtOnce;
        int keyMode;
        String servedSerial = "none";

        Etcd(List<String> members) {
            members.forEach(m -> running.put("c-" + m, true));
        }

        Map<String, String> members() {
            Map<String, String> m = new LinkedHashMap<>();
            running.keySet().forEach(c -> m.put(c.substring(2), c));
            return m;
        }

        @Override
        public ExecResult exec(String container, List<String> command, Duration timeout) {
            if (!running.get(container)) {
                throw PghaException.conflict("container " + container + " is not running");
            }
            if (command.equals(EtcdMemberRoll.HEALTH)) {
                long up = running.values().stream().filter(b -> b).count();
                return new ExecResult(0, "{\"health\":\"" + (up * 2 > running.size()) + "\"}", "");
            }
            if (command.get(command.size() - 1).equals(EtcdMemberRoll.SERVED)) {
                return new ExecResult(0, "serial=" + servedSerial + "\nserial=" + servedSerial + "\n", "");
            }
            return new ExecResult(1, "", "unexpected " + command);
        }

        @Override
        public void stop(String container, Duration grace) {
            actions.add("stop " + container);
            running.put(container, false);
            mostDownAtOnce = Math.max(mostDownAtOnce, (int)
                    running.values().stream().filter(b -> !b).count());
        }

        @Override
        public void start(String container) {
            actions.add("start " + container);
            running.put(container, true);
        }

        @Override
        public void copyFiles(String container, List<ContainerFile> files) {
            actions.add("copy " + container + " "
                    + String.join(",", files.stream().map(ContainerFile::path).toList()));
            for (ContainerFile f : files) {
                if (f.path().endsWith("server.crt")) {
                    servedSerial = serialOf(f.content());
                }
                if (f.path().endsWith("server.key")) {
                    keyMode = f.mode();
                }
            }
        }

        private static String serialOf(byte[] pem) {
            try {
                X509Certificate c = (X509Certificate)
                        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
                return c.getSerialNumber().toString(16);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
