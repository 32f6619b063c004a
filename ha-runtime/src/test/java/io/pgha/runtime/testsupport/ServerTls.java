package io.pgha.runtime.testsupport;

import io.pgha.runtime.pki.IssuedCertificate;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The TLS context of a test server presenting one certificate issued by a cluster CA (no client certificates). */
public final class ServerTls {

    private ServerTls() {}

    public static SSLContext presenting(IssuedCertificate served) throws GeneralSecurityException {
        try {
            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            identity.setKeyEntry("server", served.key(), new char[0], new Certificate[] {served.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(identity, new char[0]);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), null, null);
            return tls;
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("an empty PKCS12 key store could not be made", e);
        }
    }
}
