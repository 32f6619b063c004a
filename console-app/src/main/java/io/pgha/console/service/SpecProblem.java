package io.pgha.console.service;

/**
 * Why a new-cluster request cannot be provisioned as it is.
 *
 * @param field the request field it is about (one of the constants), or {@link #GENERAL}
 */
public record SpecProblem(String field, String message) {

    public static final String GENERAL = "general";
    public static final String NAME = "name";
    public static final String PORTS = "ports";
    public static final String BIND = "bind";
    public static final String IMAGES = "images";
    public static final String TIMING = "timing";
}
