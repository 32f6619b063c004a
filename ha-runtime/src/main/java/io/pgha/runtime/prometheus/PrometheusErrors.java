package io.pgha.runtime.prometheus;

import io.pgha.runtime.PghaException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

/** The one translator from failures asking Prometheus into {@link PghaException}s that say what to check. */
final class PrometheusErrors {

    private PrometheusErrors() {}

    static PghaException translate(String url, Throwable e) {
        if (e instanceof PghaException p) {
            return p;
        }
        if (e instanceof HttpTimeoutException) {
            return PghaException.timeout("Prometheus at " + url + " did not answer in time");
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return new PghaException(
                    PghaException.Kind.UNAVAILABLE,
                    "cannot connect to Prometheus at " + url
                            + ": is the stack's pg-prometheus container running and its port published?",
                    e);
        }
        if (e instanceof IOException || e instanceof InterruptedException) {
            return new PghaException(
                    PghaException.Kind.UNAVAILABLE,
                    "Prometheus at " + url + " is unreachable ("
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")",
                    e);
        }
        return new PghaException(PghaException.Kind.UNAVAILABLE, "asking Prometheus at " + url + " failed: " + e, e);
    }

    static PghaException answer(String url, int status, String error) {
        return new PghaException(
                status == 401 || status == 403
                        ? PghaException.Kind.UNAUTHORIZED
                        : status == 400 || status == 422
                                ? PghaException.Kind.INVALID_INPUT
                                : PghaException.Kind.UNAVAILABLE,
                "Prometheus at " + url + " answered HTTP " + status + (error.isEmpty() ? "" : ": " + error));
    }
}
