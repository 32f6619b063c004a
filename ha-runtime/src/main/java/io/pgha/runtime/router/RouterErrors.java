package io.pgha.runtime.router;

import io.pgha.runtime.PghaException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

/** The one translator from failures reading HAProxy's stats into {@link PghaException}s. */
public final class RouterErrors {

    private RouterErrors() {}

    public static PghaException translate(String url, Throwable e) {
        if (e instanceof PghaException p) {
            return p;
        }
        if (e instanceof HttpTimeoutException) {
            return new PghaException(
                    PghaException.Kind.TIMEOUT, "HAProxy's stats page " + url + " did not answer in time", e);
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return new PghaException(
                    PghaException.Kind.UNAVAILABLE,
                    "cannot connect to HAProxy's stats page " + url
                            + ": is the router running and its stats port (8404) published?",
                    e);
        }
        if (e instanceof IllegalArgumentException) {
            return new PghaException(
                    PghaException.Kind.UNAVAILABLE,
                    "unexpected answer from " + url + " (is it HAProxy's stats page?): " + e.getMessage(),
                    e);
        }
        if (e instanceof IOException || e instanceof InterruptedException) {
            return new PghaException(
                    PghaException.Kind.UNAVAILABLE,
                    "HAProxy's stats page " + url + " is unreachable ("
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")",
                    e);
        }
        return new PghaException(
                PghaException.Kind.UNAVAILABLE, "reading HAProxy's stats from " + url + " failed: " + e, e);
    }

    public static PghaException status(String url, int status) {
        return new PghaException(
                status == 401 || status == 403 ? PghaException.Kind.UNAUTHORIZED : PghaException.Kind.UNAVAILABLE,
                "HAProxy's stats page " + url + " answered HTTP " + status
                        + (status == 401 ? ": it wants credentials pgha was not given" : ""));
    }
}
