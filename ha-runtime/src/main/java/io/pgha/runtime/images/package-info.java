/**
 * The stack's images that pgha builds itself: the local profile (PostgreSQL with Patroni, etcd, HAProxy, the exporter,
 * from Debian packages) and the supervisor's image (the pgha jars on a JRE), through stack/images/build-local.sh, the one
 * recipe that users, tests and {@code pgha up} share. Depends on nothing but the JDK; the provisioner decides when.
 */
package io.pgha.runtime.images;
