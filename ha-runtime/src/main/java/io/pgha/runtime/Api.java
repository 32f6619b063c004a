package io.pgha.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks ha-runtime's API: what its front ends build on. On a package (its package-info), every public type in it; on a
 * type, that type and the types nested in it. Every other public type is public for the runtime's own packages (the
 * adapters' internals, the monitor's sources, the supervisor's ports) and may change with them. The console uses the API
 * only (console-app's ConsoleLayeringTest); the CLI, which also runs the supervisor and probes, may reach further.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PACKAGE, ElementType.TYPE})
public @interface Api {}
