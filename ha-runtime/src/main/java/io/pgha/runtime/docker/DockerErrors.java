package io.pgha.runtime.docker;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.exception.UnauthorizedException;
import io.pgha.runtime.PghaException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one translator from docker-java's errors to ours, with messages that say what to do. */
public final class DockerErrors {

    public static final String HOW_TO_START = "is the Docker engine running? Start it (sudo systemctl start docker, "
            + "sudo dockerd &, or Docker Desktop) or point DOCKER_HOST at it";

    private DockerErrors() {}

    public static PghaException translate(String action, RuntimeException e) {
        if (e instanceof PghaException p) {
            return p;
        }
        if (e instanceof NotFoundException) {
            return new PghaException(PghaException.Kind.NOT_FOUND, action + ": not found (" + firstLine(e) + ")", e);
        }
        if (e instanceof ConflictException || e instanceof NotModifiedException) {
            return new PghaException(PghaException.Kind.CONFLICT, action + ": conflict (" + firstLine(e) + ")", e);
        }
        if (e instanceof UnauthorizedException) {
            return new PghaException(
                    PghaException.Kind.UNAUTHORIZED,
                    action + ": not authorised by the Docker engine (" + firstLine(e) + ")",
                    e);
        }
        if (e instanceof BadRequestException) {
            return new PghaException(
                    PghaException.Kind.INVALID_INPUT,
                    action + ": rejected by the Docker engine (" + firstLine(e) + ")",
                    e);
        }
        if (e instanceof DockerException d && d.getHttpStatus() == 403) {
            // the engine refuses what the current state forbids, e.g. removing a network that containers still use
            return new PghaException(
                    PghaException.Kind.CONFLICT, action + ": refused by the Docker engine (" + firstLine(e) + ")", e);
        }
        if (e instanceof DockerException) {
            return new PghaException(PghaException.Kind.UNAVAILABLE, action + ": " + firstLine(e), e);
        }
        if (e instanceof UncheckedIOException || e.getCause() instanceof IOException) {
            return new PghaException(
                    PghaException.Kind.UNAVAILABLE,
                    action + ": cannot reach the Docker engine (" + firstLine(e) + "); " + HOW_TO_START,
                    e);
        }
        return new PghaException(PghaException.Kind.UNAVAILABLE, action + ": " + firstLine(e), e);
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
