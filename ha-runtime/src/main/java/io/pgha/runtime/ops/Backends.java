package io.pgha.runtime.ops;

import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.patroni.PatroniActions;
import io.pgha.runtime.patroni.PatroniClient;

/** What operations act through: Patroni's REST API, unsafe and read-only, and the Docker engine. */
interface Backends extends AutoCloseable {

    PatroniActions actions(String baseUrl);

    PatroniClient reader(String baseUrl);

    /** The local Docker engine, connected on first use. */
    DockerEngine docker();

    @Override
    void close();
}
