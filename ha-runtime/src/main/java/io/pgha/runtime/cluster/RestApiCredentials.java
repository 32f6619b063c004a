package io.pgha.runtime.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * The user and password Patroni's REST API wants for its unsafe calls ({@code restapi.authentication}).
 * A secret: {@link #toString()} never shows the password, and nothing logs it.
 */
public record RestApiCredentials(String user, String password) {

    public RestApiCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** The value of an HTTP {@code Authorization} header (basic authentication). */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RestApiCredentials[user=" + user + ", password=***]";
    }
}
