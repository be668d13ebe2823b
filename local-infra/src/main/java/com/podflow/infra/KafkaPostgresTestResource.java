package com.podflow.infra;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a Quarkus test a real Kafka broker and a real PostgreSQL (see {@link Infra}). Init arg {@code database=false}
 * leaves out the datasource for services that have none. One instance per test JVM: give every test class of a module
 * the same resources, or Quarkus restarts and starts them again.
 */
public class KafkaPostgresTestResource implements QuarkusTestResourceLifecycleManager {
    private static Infra infra;
    private static KafkaTestClient kafka;
    private boolean withDatabase = true;

    @Override
    public void init(Map<String, String> initArgs) {
        withDatabase = !"false".equals(initArgs.get("database"));
    }

    @Override
    public synchronized Map<String, String> start() {
        if (infra == null) {
            infra = Infra.startForTests(System.getenv());
        }
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", infra.bootstrapServers());
        if (withDatabase) {
            Database db = infra.database();
            config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
            config.put("quarkus.datasource.reactive.url", db.reactiveUrl());
            config.put("quarkus.datasource.username", db.user());
            config.put("quarkus.datasource.password", db.password());
        }
        return config;
    }

    /** The running infrastructure, for tests that talk to the broker or the database directly. */
    public static synchronized Infra infra() {
        if (infra == null) {
            throw new IllegalStateException("KafkaPostgresTestResource has not started");
        }
        return infra;
    }

    /** A Kafka client on the running broker, shared by the module's test classes and closed with the broker. */
    public static synchronized KafkaTestClient kafka() {
        if (kafka == null) {
            kafka = new KafkaTestClient(infra().bootstrapServers());
        }
        return kafka;
    }

    @Override
    public synchronized void stop() {
        if (kafka != null) {
            kafka = null;
        }
        if (infra != null) {
            infra.close();
            infra = null;
        }
    }
}
