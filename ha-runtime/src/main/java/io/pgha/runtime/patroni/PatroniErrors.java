package io.pgha.runtime.patroni;

import io.pgha.runtime.PghaException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/** The one translator from HTTP failures talking to Patroni into {@link PghaException}s that say what to check. */
public final class PatroniErrors {

    private PatroniErrors() {}

    public static PghaException translate(String url, Throwable e) {
        if (e instanceof PghaException p) {
            return p;
        }
        if (e instanceof HttpConnectTimeoutException) {
            return new PghaException(
                    PghaException.Kind.TIMEOUT,
                    "cannot connect to Patroni at " + url
                            + " in time: is the member's host up and its REST port reachable from here?",
                    e);
        }
        if (e instanceof HttpTimeoutException) {
            return new PghaException(PghaException.Kind.TIMEOUT, "Patroni at " + url + " did not answer in time", e);
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return new PghaException(
                    PghaException.Kind.UNAVAILABLE,
                    "Patroni at " + url
                            + " refused the connection: is the member running and its REST port (8008) published?",
                    e);
        }
        if (e instanceof UnresolvedAddressException || e.getCause() instanceof UnresolvedAddressException) {
            return new PghaException(
                    PghaException.Kind.UNAVAILABLE,
                    "cannot resolve the host of " + url
                            + ": use an address this machine can reach (pgha attach --patroni NAME=URL)",
                    e);
        }
        if (e instanceof InterruptedException) {
            return new PghaException(PghaException.Kind.UNAVAILABLE, "interrupted while calling Patroni at " + url, e);
        }
        if (e instanceof IllegalArgumentException) {
            return new PghaException(
                    PghaException.Kind.UNAVAILABLE,
                    "unexpected answer from Patroni at " + url + ": " + e.getMessage(),
                    e);
        }
        if (e instanceof IOException) {
            return new PghaException(
                    PghaException.Kind.UNAVAILABLE,
                    "Patroni at " + url + " is unreachable ("
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")",
                    e);
        }
        return new PghaException(PghaException.Kind.UNAVAILABLE, "calling Patroni at " + url + " failed: " + e, e);
    }

    /**
     * A 401 or 403 to an unsafe call: whether pgha sent credentials decides what the user must do. The
     * credentials themselves never appear in the message.
     */
    public static PghaException notAuthorised(String url, int status, boolean sentCredentials) {
        return new PghaException(
                PghaException.Kind.UNAUTHORIZED,
                "not authorised: Patroni at " + url + " answered HTTP " + status
                        + (sentCredentials
                                ? ", it rejected the REST API credentials pgha has for this cluster"
                                : ", its REST API wants credentials and pgha has none for this cluster")
                        + "; set them with `pgha rest-auth --cluster NAME --user USER --password-file FILE`");
    }

    /** A non-2xx answer. */
    public static PghaException status(String url, int status, String body) {
        String detail = body == null ? "" : body.strip().lines().findFirst().orElse("");
        if (detail.length() > 200) {
            detail = detail.substring(0, 200) + "…";
        }
        String what = "Patroni at " + url + " answered HTTP " + status + (detail.isEmpty() ? "" : " (" + detail + ")");
        return switch (status) {
            case 401, 403 ->
                new PghaException(
                        PghaException.Kind.UNAUTHORIZED, what + ": the REST API wants credentials pgha was not given");
            case 404 -> new PghaException(PghaException.Kind.NOT_FOUND, what + ": is this a Patroni REST API?");
            case 409, 412 -> new PghaException(PghaException.Kind.CONFLICT, what);
            default -> new PghaException(PghaException.Kind.UNAVAILABLE, what);
        };
    }
}
