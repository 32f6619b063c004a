package io.pgha.console.service;

/**
 * The new stack a restore makes ({@code pgha restore --into}): its name and published ports; the rest of its spec is
 * the source stack's.
 */
public record RestoreInto(String name, NewClusterRequest.Ports ports) {}
