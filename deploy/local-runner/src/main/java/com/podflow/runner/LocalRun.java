package com.podflow.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.podflow.infra.Infra;

/**
 * {@code ./run.sh}: a real Kafka broker and an embedded PostgreSQL keeping their data in {@code .data/} (or the
 * servers that {@code KAFKA_BOOTSTRAP_SERVERS} / {@code DATABASE_URL} name), the five services, a development client
 * and the reference facility (unless {@code --no-facility}). Ctrl-C stops everything it started.
 */
public final class LocalRun {
    private LocalRun() {
    }

    public static void main(String[] args) throws InterruptedException {
        // --no-facility: no reference facility (orders stay created); --facility-step-delay 2s: its pace
        boolean facility = true;
        Duration stepDelay = Duration.ofSeconds(1);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--no-facility" -> facility = false;
                case "--facility-step-delay" ->
                    stepDelay = Duration.ofMillis(millis(i + 1 < args.length ? args[++i] : ""));
                case "--help" -> {
                    System.out.println("usage: ./run.sh [--no-facility] [--facility-step-delay 1s|500ms]");
                    return;
                }
                default -> {
                    System.err
                            .println("podflow: unknown option " + args[i] + " (--no-facility, --facility-step-delay)");
                    System.exit(2);
                }
            }
        }
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
            Suite.Options options = new Suite.Options(root, data, false, apiKey, adminKey);
            suite = Suite.start(infra, facility ? options.withFacility(stepDelay) : options, Duration.ofMinutes(3));
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
        System.out.println(facility
                ? String.format("  %-21s one step every %d ms (log: %s)", Suite.FACILITY, stepDelay.toMillis(),
                        data.resolve("logs").resolve(Suite.FACILITY + ".log"))
                : "  " + Suite.FACILITY + "    off (--no-facility): orders stay created");
        System.out.println();
        System.out.println("  Order API      " + suite.url(Suite.INTAKE) + "/v1/orders");
        System.out.println("  X-API-KEY      " + apiKey + "   (client " + "00000000-0000-4000-8000-000000000001)");
        System.out.println("  X-ADMIN-KEY    " + adminKey);
        System.out.println("  Ctrl-C stops everything.");
        stopped.await();
    }

    /** {@code 500ms}, {@code 2s} or a number of milliseconds. */
    private static long millis(String text) {
        String t = text.trim();
        try {
            if (t.endsWith("ms")) {
                return Long.parseLong(t.substring(0, t.length() - 2));
            }
            if (t.endsWith("s")) {
                return Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000);
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            System.err.println("podflow: --facility-step-delay '" + text + "' is not a duration (e.g. 1s, 500ms)");
            System.exit(2);
            return 0;
        }
    }

    private static void say(String message) {
        System.out.println("podflow: " + message);
    }
}
