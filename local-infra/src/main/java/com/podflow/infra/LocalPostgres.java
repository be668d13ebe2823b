package com.podflow.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries shipped in a Maven artifact, so nothing needs installing. The data
 * directory decides durability: a temporary one for tests, a kept one (e.g. {@code .data/postgres}) for the local run.
 */
public final class LocalPostgres implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final Database database;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.database = new Database("127.0.0.1", postgres.getPort(), "postgres", "postgres", "");
    }

    /** Starts PostgreSQL on {@code port} (0 picks a free one), keeping its files in {@code dataDir}. */
    public static LocalPostgres start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port == 0 ? FreePorts.next() : port)
                    .setServerConfig("max_connections", "300")
                    .start();
            return new LocalPostgres(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDir, e);
        }
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
