package io.pgha.runtime.dcs;

import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.pgha.runtime.PghaException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** The one translator from jetcd's and gRPC's errors into {@link PghaException}s that say what to check. */
public final class EtcdErrors {

    private EtcdErrors() {}

    public static PghaException translate(String action, Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof PghaException p) {
            return p;
        }
        String text = message(t);
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
