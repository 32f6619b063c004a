package io.pgha.runtime.model;

/** Whether a component answered. */
public enum Health {
    UP,
    DOWN,
    UNKNOWN
}
