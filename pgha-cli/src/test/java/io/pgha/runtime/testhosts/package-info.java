/**
 * The test hosts of scripts/test-hosts.sh: several Docker engines in containers on this machine, formed into a
 * Swarm, as the stand-in for several machines (docs/decisions/0026).
 */
package io.pgha.runtime.testhosts;
