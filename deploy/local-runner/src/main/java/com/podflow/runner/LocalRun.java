package com.podflow.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.podflow.infra.Infra;

/**
 * {@code ./run.sh}: a real Kafka broker and an embedded PostgreSQL keeping their data in {@code .data/} (or the
 * servers that {@code KAFKA_BOOTSTRAP_SERVERS} / {@code DATABASE_URL} name), the five services, a development client.
 * Ctrl-C stops everything it started.
 */
public final class LocalRun {
    private LocalRun() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, String> env = System.getenv();
        Path root = Path.of(env.getOrDefault("PODFLOW_ROOT", ".")).toAbsolutePath().normalize();
        Path data = root.resolve(env.getOrDefault("PODFLOW_DATA_DIR", ".data"));
        String apiKey = env.getOrDefault("DEV_API_KEY", "dev-key:dev-secret");
        String adminKey = env.getOrDefault("ADMIN_KEY", "dev-admin");
        int kafkaPort = Integer.parseInt(env.getOrDefault("KAFKA_PORT", "9092"));
        int postgresPort = Integer.parseInt(env.getOrDefault("POSTGRES_PORT", "54329"));

        say("starting Kafka and PostgreSQL (data in " + data + ") ...");
        Infra infra = Infra.startKept(env, data.resolve("kafka"), kafkaPort, kafkaPort + 1,
                data.resolve("postgres"), postgresPort);
        say("Kafka at " + infra.bootstrapServers() + ", PostgreSQL at " + infra.database().reactiveUrl());
        say("starting the services (logs in " + data.resolve("logs") + ") ...");
        Suite suite;
        try {
            suite = Suite.start(infra, new Suite.Options(root, data, false, apiKey, adminKey),
                    Duration.ofMinutes(3));
        } catch (RuntimeException e) {
            System.err.println("podflow: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("stopping ...");
            suite.close();
            say("stopped");
            stopped.countDown();
        }, "podflow-stop"));

        say("ready");
        for (ServiceSpec spec : Suite.SERVICES) {
            System.out.printf("  %-21s %s%n", spec.name(), suite.url(spec));
        }
        System.out.println();
        System.out.println("  Order API      " + suite.url(Suite.INTAKE) + "/v1/orders");
        System.out.println("  X-API-KEY      " + apiKey + "   (client " + "00000000-0000-4000-8000-000000000001)");
        System.out.println("  X-ADMIN-KEY    " + adminKey);
        System.out.println("  Ctrl-C stops everything.");
        stopped.await();
    }

    private static void say(String message) {
        System.out.println("podflow: " + message);
    }
}
