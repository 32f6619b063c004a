package io.pgha.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether an etcd container serves clients over TLS, read from etcd's own variables only. */
class EtcdTlsFromEnvironmentTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ETCD_LISTEN_CLIENT_URLS=https://0.0.0.0:2379                        | true",
                "ETCD_NAME=etcd-1;ETCD_ADVERTISE_CLIENT_URLS=https://etcd-1:2379     | true",
                "ETCD_CERT_FILE=/run/pgha/tls/server.crt                             | true",
                "ETCD_LISTEN_CLIENT_URLS=http://0.0.0.0:2379;ETCD_CERT_FILE=         | false",
                "ETCD_LISTEN_CLIENT_URLS=http://0.0.0.0:2379;PGPASSWORD=https://x   | false",
                "SCOPE=pg-ha                                                         | false"
            })
    void readsEtcdsClientScheme(String env, boolean tls) {
        assertThat(DockerJavaContainerObserver.etcdTls(Arrays.asList(env.strip().split(";"))))
                .isEqualTo(tls);
    }
}
