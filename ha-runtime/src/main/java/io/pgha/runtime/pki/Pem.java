package io.pgha.runtime.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * PEM text of certificates and keys, as etcd, Patroni, HAProxy, PostgreSQL and Netty read them: keys in PKCS#8
 * ("BEGIN PRIVATE KEY"), which all of them accept.
 */
final class Pem {

    private static final String BEGIN_CERTIFICATE = "-----BEGIN CERTIFICATE-----";
    private static final String BEGIN_KEY = "-----BEGIN PRIVATE KEY-----";
    private static final String END_KEY = "-----END PRIVATE KEY-----";

    private Pem() {}

    static String of(X509Certificate certificate) {
        return write(certificate);
    }

    static String of(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null).generate());
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException("cannot write the private key as PKCS#8", e);
        }
    }

    /*
     * Reading uses the JDK alone: every `pgha status` and console reads the cluster's certificates for their expiry,
     * and BouncyCastle's signed jars cost about half a second of CPU to open and verify (their classes cannot go into
     * the class-data archive either). Only issuing and writing need BouncyCastle.
     */

    static X509Certificate certificate(String pem) {
        java.util.List<X509Certificate> all = certificates(pem);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("not a PEM certificate");
        }
        return all.get(0);
    }

    /** Every certificate of a PEM bundle, in order. */
    static java.util.List<X509Certificate> certificates(String pem) {
        if (!pem.contains(BEGIN_CERTIFICATE)) {
            return java.util.List.of();
        }
        try {
            java.util.List<X509Certificate> all = new java.util.ArrayList<>();
            for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(
                            pem.substring(pem.indexOf(BEGIN_CERTIFICATE)).getBytes(StandardCharsets.US_ASCII)))) {
                all.add((X509Certificate) c);
            }
            return all;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("unreadable certificate: " + e.getMessage(), e);
        }
    }

    /** A PKCS#8 private key ("BEGIN PRIVATE KEY"): EC as pgha makes them, RSA or Ed25519 as others may. */
    static PrivateKey privateKey(String pem) {
        int begin = pem.indexOf(BEGIN_KEY);
        int end = pem.indexOf(END_KEY);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("not a PKCS#8 PEM private key");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN_KEY.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unreadable private key: " + e.getMessage(), e);
        }
        for (String algorithm : java.util.List.of("EC", "RSA", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException | NoSuchAlgorithmException wrongAlgorithm) {
                // the next one
            }
        }
        throw new IllegalArgumentException("unreadable private key: not an EC, RSA or Ed25519 PKCS#8 key");
    }

    private static String write(Object o) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
