package com.podflow.intake.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import com.podflow.infra.Database;
import com.podflow.infra.FreePorts;
import com.podflow.infra.LocalPostgres;

/**
 * A PostgreSQL of the test's own that it may stop and start again (same port, same files), for the outage test: the
 * shared test database must stay up for the other test classes.
 */
public class OutagePostgres implements QuarkusTestResourceLifecycleManager {
    private static Path dir;
    private static int port;
    private static LocalPostgres postgres;

    @Override
    public synchronized Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("outage-postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = FreePorts.next();
        postgres = LocalPostgres.start(dir, port);
        Database db = postgres.database();
        return Map.of("quarkus.datasource.jdbc.url", db.jdbcUrl(), "quarkus.datasource.reactive.url",
                db.reactiveUrl(), "quarkus.datasource.username", db.user(), "quarkus.datasource.password",
                db.password());
    }

    /** Stops the server: connections are cut, new ones refused. */
    static synchronized void down() {
        postgres.close();
        postgres = null;
    }

    /** Starts it again on the same port with the same files (what a restart or failover looks like to a client). */
    static synchronized void up() {
        postgres = LocalPostgres.start(dir, port);
    }

    static synchronized Database database() {
        return postgres.database();
    }

    @Override
    public synchronized void stop() {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
