/**
 * Each cluster's own certificate authority and the certificates of its components (BouncyCastle): made and stored by pgha
 * owner-only beside the cluster's credentials, issued with the names clients use (pg-N, etcd-N, pg-router, localhost,
 * 127.0.0.1) so that every client verifies names. Depends on BouncyCastle and the JDK only.
 */
package io.pgha.runtime.pki;
