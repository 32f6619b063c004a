package io.pgha.runtime.http;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that reads the CA file again when it changed (its time or size), so that a long-running client (the
 * console, the supervisor's kept clients) trusts what {@code pgha certs rotate --ca} put there: the bundle of both
 * authorities during the roll, the new one alone after it. Name checks stay the JDK's (the extended calls are
 * delegated).
 */
final class ReloadingTrust extends X509ExtendedTrustManager {

    private final Path file;
    private final Function<Path, X509ExtendedTrustManager> load;
    private FileTime loadedTime; // guarded by this
    private long loadedSize; // guarded by this
    private X509ExtendedTrustManager current; // guarded by this

    ReloadingTrust(Path file, Function<Path, X509ExtendedTrustManager> load) {
        this.file = file;
        this.load = load;
        this.current = load.apply(file);
        stamp();
    }

    private synchronized X509ExtendedTrustManager current() {
        try {
            FileTime time = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (!Objects.equals(time, loadedTime) || size != loadedSize) {
                current = load.apply(file);
                loadedTime = time;
                loadedSize = size;
            }
        } catch (IOException | RuntimeException e) {
            // the file is being replaced or gone: keep what was trusted
        }
        return current;
    }

    private void stamp() {
        try {
            loadedTime = Files.getLastModifiedTime(file);
            loadedSize = Files.size(file);
        } catch (IOException e) {
            loadedTime = null;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        current().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        current().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current().checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        current().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        current().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current().checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return current().getAcceptedIssuers();
    }
}
