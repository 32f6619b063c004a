package io.pgha.runtime.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.PghaException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class EtcdErrorsSecurityTest {

    private static PghaException translate(Throwable t) {
        return EtcdErrors.translate("reading /service/pg-ha/", new RuntimeException("UNAVAILABLE: io exception", t));
    }

    @Test
    void anUnknownCa() {
        SSLHandshakeException e = new SSLHandshakeException(
                "PKIX path building failed: unable to find valid certification path to requested target");
        PghaException p = translate(e);
        assertThat(p.kind()).isEqualTo(PghaException.Kind.UNAUTHORIZED);
        assertThat(p.getMessage()).contains("unknown CA").contains("--etcd-ca");
    }

    @Test
    void aWrongName() {
        Throwable e = new SSLHandshakeException("No subject alternative DNS name matching etcd-2 found.");
        e.initCause(new CertificateException("No subject alternative DNS name matching etcd-2 found."));
        PghaException p = translate(e);
        assertThat(p.getMessage()).contains("does not name the host").contains("etcd-2");
    }

    @Test
    void noUserAWrongPasswordAndNoPermissionAreToldApart() {
        assertThat(translate(new RuntimeException("etcdserver: user name is empty"))
                        .getMessage())
                .contains("no user was given");
        assertThat(translate(new RuntimeException("etcdserver: authentication failed, invalid user ID or password"))
                        .getMessage())
                .contains("refused the user name or password");
        PghaException denied = translate(new RuntimeException("etcdserver: permission denied"));
        assertThat(denied.kind()).isEqualTo(PghaException.Kind.UNAUTHORIZED);
        assertThat(denied.getMessage()).contains("permission denied");
    }

    @Test
    void aPlainPortSpokenToWithTls() {
        assertThat(translate(new RuntimeException("not an SSL/TLS record: 0000"))
                        .getMessage())
                .contains("does not speak TLS");
    }

    @Test
    void otherFailuresAreNotSecurityOnes() {
        assertThat(EtcdErrors.security("x", new RuntimeException("Connection refused")))
                .isEmpty();
    }
}
