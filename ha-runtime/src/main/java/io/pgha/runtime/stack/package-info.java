/**
 * {@link io.pgha.runtime.stack.StackSpec}, the single source of truth of a stack (scope, nodes, etcd members, images,
 * ports, users, Patroni tuning, fast paths), its YAML file, and its renderings: the compose file, haproxy.cfg and
 * Spilo's configuration that stack/ commits. Talks to no system; may depend on {@code cluster} only.
 */
@Api
package io.pgha.runtime.stack;

import io.pgha.runtime.Api;
