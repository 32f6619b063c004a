package io.pgha.console.ui.common;

import io.pgha.runtime.model.ClusterHealth;
import io.pgha.runtime.model.Health;
import io.pgha.runtime.model.HealthCheck;
import java.util.Locale;

/** The semantic colour of a status; the app stylesheet maps each to a colour of the current theme. */
public enum Tone {
    OK,
    WARN,
    FAIL,
    UNKNOWN,
    /** Work the user started is under way: the accent colour, neither health nor alarm. */
    PLANNED;

    /** The CSS class of this tone, e.g. "tone-fail". */
    public String styleClass() {
        return "tone-" + name().toLowerCase(Locale.ROOT);
    }

    /** Worst first: FAIL, WARN, UNKNOWN, PLANNED and OK. */
    public int severity() {
        return switch (this) {
            case FAIL -> 3;
            case WARN -> 2;
            case UNKNOWN -> 1;
            case PLANNED, OK -> 0;
        };
    }

    public Tone worse(Tone other) {
        return other.severity() > severity() ? other : this;
    }

    public static Tone of(HealthCheck.Status status) {
        return switch (status) {
            case PASS -> OK;
            case WARN -> WARN;
            case FAIL -> FAIL;
            case UNKNOWN -> UNKNOWN;
        };
    }

    public static Tone of(Health health) {
        return switch (health) {
            case UP -> OK;
            case DOWN -> FAIL;
            case UNKNOWN -> UNKNOWN;
        };
    }

    public static Tone of(ClusterHealth health) {
        return switch (health) {
            case HEALTHY -> OK;
            case DEGRADED -> WARN;
            case DOWN -> FAIL;
            case UNKNOWN -> UNKNOWN;
        };
    }
}
