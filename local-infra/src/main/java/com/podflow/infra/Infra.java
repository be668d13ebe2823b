package com.podflow.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.podflow.events.Topics;

/**
 * The broker and database a run needs: the servers named by {@code KAFKA_BOOTSTRAP_SERVERS} and {@code DATABASE_URL}
 * when the environment sets them, else a broker and a PostgreSQL started here.
 */
public final class Infra implements AutoCloseable {
    public static final String KAFKA_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String DATABASE_ENV = "DATABASE_URL";

    /** Every topic of the contract and its dead-letter topic. */
    public static final List<String> TOPICS = List.of(Topics.ORDERS_INTAKE, Topics.ORDERS_VALIDATION,
            Topics.ORDERS_PRODUCTION, Topics.ORDERS_PRODUCTION_REPORTS, Topics.ORDERS_STATUS,
            Topics.deadLetter(Topics.ORDERS_INTAKE), Topics.deadLetter(Topics.ORDERS_VALIDATION),
            Topics.deadLetter(Topics.ORDERS_PRODUCTION_REPORTS), Topics.deadLetter(Topics.ORDERS_STATUS));

    private final String bootstrapServers;
    private final Database database;
    private final LocalKafka kafka;
    private final LocalPostgres postgres;
    private final Path tempDir;

    private Infra(String bootstrapServers, Database database, LocalKafka kafka, LocalPostgres postgres,
            Path tempDir) {
        this.bootstrapServers = bootstrapServers;
        this.database = database;
        this.kafka = kafka;
        this.postgres = postgres;
        this.tempDir = tempDir;
    }

    /** For tests: external servers if named, else a fresh broker and database in a temporary folder. */
    public static Infra startForTests(Map<String, String> env) {
        try {
            Path temp = Files.createTempDirectory("podflow-test-");
            return start(env, temp.resolve("kafka"), 0, 0, temp.resolve("postgres"), 0, temp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For the local run: external servers if named, else a broker and database keeping their data in the folders. */
    public static Infra startKept(Map<String, String> env, Path kafkaDir, int kafkaPort, int controllerPort,
            Path postgresDir, int postgresPort) {
        return start(env, kafkaDir, kafkaPort, controllerPort, postgresDir, postgresPort, null);
    }

    private static Infra start(Map<String, String> env, Path kafkaDir, int kafkaPort, int controllerPort,
            Path postgresDir, int postgresPort, Path tempDir) {
        LocalKafka kafka = null;
        LocalPostgres postgres = null;
        try {
            String bootstrap = blankToNull(env.get(KAFKA_ENV));
            if (bootstrap == null) {
                kafka = LocalKafka.start(kafkaDir, kafkaPort, controllerPort);
                kafka.createTopics(TOPICS, 3);
                bootstrap = kafka.bootstrapServers();
            }
            String url = blankToNull(env.get(DATABASE_ENV));
            Database database;
            if (url == null) {
                postgres = LocalPostgres.start(postgresDir, postgresPort);
                database = postgres.database();
            } else {
                database = Database.fromUrl(url);
            }
            return new Infra(bootstrap, database, kafka, postgres, tempDir);
        } catch (RuntimeException e) {
            closeQuietly(postgres);
            closeQuietly(kafka);
            throw e;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Database database() {
        return database;
    }

    /** Whether the broker runs in this JVM (and so can be stopped here, e.g. to prove that nothing is lost). */
    public LocalKafka localKafka() {
        return kafka;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    @Override
    public void close() {
        List<RuntimeException> errors = new ArrayList<>();
        for (AutoCloseable c : new AutoCloseable[]{kafka, postgres}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                errors.add(new IllegalStateException("stopping " + c.getClass().getSimpleName() + " failed", e));
            }
        }
        if (tempDir != null) {
            try (Stream<Path> paths = Files.walk(tempDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                errors.add(new UncheckedIOException(e));
            }
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }
}
