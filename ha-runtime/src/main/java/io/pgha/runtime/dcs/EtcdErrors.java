package io.pgha.runtime.dcs;

import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.pgha.runtime.PghaException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** The one translator from jetcd's and gRPC's errors into {@link PghaException}s that say what to check. */
public final class EtcdErrors {

    private EtcdErrors() {}

    /**
     * The answer of {@code call} within {@code deadline}; a failure, a timeout or an interruption is cancelled and
     * translated ({@link #translate}) as {@code action}.
     */
    static <T> T await(java.util.concurrent.CompletableFuture<T> call, java.time.Duration deadline, String action) {
        try {
            return call.get(deadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw translate(action, e);
        } catch (Exception e) {
            call.cancel(true);
            throw translate(action, e);
        }
    }

    public static PghaException translate(String action, Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof PghaException p) {
            return p;
        }
        String text = message(t);
        Optional<PghaException> security = security(action, t, text);
        if (security.isPresent()) {
            return security.get();
        }
        if (text.contains("no leader")) {
            return new PghaException(
                    PghaException.Kind.UNAVAILABLE,
                    action + ": etcd has no leader (quorum lost?): " + "start the stopped etcd members",
                    t);
        }
        if (t instanceof TimeoutException) {
            return new PghaException(
                    PghaException.Kind.TIMEOUT,
                    action + ": etcd did not answer in time; are the endpoints "
                            + "reachable and does etcd have quorum?",
                    t);
        }
        if (t instanceof InterruptedException) {
            return new PghaException(PghaException.Kind.UNAVAILABLE, action + ": interrupted", t);
        }
        if (t instanceof EtcdException ee) {
            ErrorCode code = ee.getErrorCode();
            if (code == ErrorCode.UNAUTHENTICATED
                    || code == ErrorCode.PERMISSION_DENIED
                    || text.contains("authentication")
                    || text.contains("permission denied")) {
                return new PghaException(
                        PghaException.Kind.UNAUTHORIZED,
                        action + ": etcd refused the credentials (" + firstLine(text)
                                + "); check --etcd-user/--etcd-password",
                        t);
            }
            if (code == ErrorCode.DEADLINE_EXCEEDED) {
                return new PghaException(
                        PghaException.Kind.TIMEOUT,
                        action + ": etcd did not answer in time; are the "
                                + "endpoints reachable and does etcd have quorum?",
                        t);
            }
            if (code == ErrorCode.UNAVAILABLE) {
                return new PghaException(
                        PghaException.Kind.UNAVAILABLE,
                        action + ": etcd is unreachable (" + firstLine(text)
                                + "); check the endpoints and that the members run",
                        t);
            }
            if (code == ErrorCode.INVALID_ARGUMENT) {
                return new PghaException(PghaException.Kind.INVALID_INPUT, action + ": " + firstLine(text), t);
            }
        }
        if (text.contains("UNAVAILABLE") || text.contains("Connection refused")) {
            return new PghaException(
                    PghaException.Kind.UNAVAILABLE,
                    action + ": etcd is unreachable (" + firstLine(text)
                            + "); check the endpoints and that the members run",
                    t);
        }
        return new PghaException(PghaException.Kind.UNAVAILABLE, action + ": " + firstLine(text), t);
    }

    /** A TLS or authentication failure anywhere in {@code e}'s causes, translated; empty for any other failure. */
    static Optional<PghaException> security(String action, Throwable e) {
        Throwable t = unwrap(e);
        return t instanceof PghaException ? Optional.empty() : security(action, t, message(t));
    }

    /**
     * TLS and authentication failures, told apart by what the JDK, Netty and etcd say (gRPC wraps them all as
     * UNAVAILABLE or UNAUTHENTICATED), each with what to give or fix.
     */
    static Optional<PghaException> security(String action, Throwable t, String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("unable to find valid certification path")
                || lower.contains("pkix path")
                || lower.contains("signature check failed")
                || lower.contains("unknown_ca")
                || lower.contains("unknown ca")
                || lower.contains("self-signed certificate")
                || lower.contains("self signed certificate")) {
            return Optional.of(new PghaException(
                    PghaException.Kind.UNAUTHORIZED,
                    action + ": etcd's TLS certificate is not signed by a CA this client trusts"
                            + " (unknown CA); give the cluster's CA certificate (--etcd-ca FILE)",
                    t));
        }
        if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
            return Optional.of(new PghaException(
                    PghaException.Kind.UNAUTHORIZED,
                    action + ": etcd's TLS certificate does not name the host connected to ("
                            + causeWith(t, "no subject alternative", "no name matching")
                            + "); connect by a name in its certificate (etcd-N, localhost or 127.0.0.1)",
                    t));
        }
        if (lower.contains("not an ssl/tls record")) {
            return Optional.of(new PghaException(
                    PghaException.Kind.INVALID_INPUT,
                    action + ": etcd does not speak TLS on that port; use http:// endpoints without --etcd-ca,"
                            + " or turn TLS on in etcd",
                    t));
        }
        if (lower.contains("certificate_required")
                || lower.contains("bad_certificate")
                || lower.contains("bad certificate")) {
            return Optional.of(new PghaException(
                    PghaException.Kind.UNAUTHORIZED,
                    action + ": etcd refused the TLS connection without a client certificate it trusts;"
                            + " give --etcd-cert and --etcd-key issued by the cluster's CA",
                    t));
        }
        if (lower.contains("user name is empty")) {
            return Optional.of(new PghaException(
                    PghaException.Kind.UNAUTHORIZED,
                    action + ": etcd has authentication on and no user was given;"
                            + " give --etcd-user and its password file",
                    t));
        }
        if (lower.contains("invalid user id or password") || lower.contains("authentication failed")) {
            return Optional.of(new PghaException(
                    PghaException.Kind.UNAUTHORIZED,
                    action + ": etcd refused the user name or password; check --etcd-user and the password file",
                    t));
        }
        if (lower.contains("authentication is not enabled")) {
            return Optional.of(new PghaException(
                    PghaException.Kind.INVALID_INPUT,
                    action + ": etcd has authentication off, so it takes no user; leave out --etcd-user",
                    t));
        }
        if (lower.contains("permission denied")) {
            return Optional.of(new PghaException(
                    PghaException.Kind.UNAUTHORIZED,
                    action + ": etcd refused it: the user's roles do not allow it (permission denied)",
                    t));
        }
        if (lower.contains("invalid auth token")) {
            return Optional.of(new PghaException(
                    PghaException.Kind.UNAUTHORIZED,
                    action + ": etcd no longer knows this client's token (a member restarted?); try again",
                    t));
        }
        return Optional.empty();
    }

    /** The first message among {@code t}'s causes with one of the fragments (lower case), or the top one. */
    private static String causeWith(Throwable t, String... fragments) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage() == null ? "" : c.getMessage();
            for (String f : fragments) {
                if (m.toLowerCase(java.util.Locale.ROOT).contains(f)) {
                    return firstLine(m);
                }
            }
        }
        return firstLine(message(t));
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String message(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null && sb.length() < 2000; c = c.getCause()) {
            sb.append(c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage())
                    .append(" | ");
        }
        return sb.toString();
    }

    private static String firstLine(String text) {
        String s = text.endsWith(" | ") ? text.substring(0, text.length() - 3) : text;
        int bar = s.indexOf(" | ");
        s = bar > 0 ? s.substring(0, bar) : s;
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
