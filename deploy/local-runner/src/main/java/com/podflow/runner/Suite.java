package com.podflow.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.podflow.infra.Database;
import com.podflow.infra.FreePorts;
import com.podflow.infra.Infra;

/**
 * The five services as child processes on one broker and one database, and (unless switched off) the reference
 * facility as a sixth process: what {@code ./run.sh} starts, and what the end-to-end test starts. Each process's
 * output goes to {@code <logDir>/<name>.log}.
 */
public final class Suite implements AutoCloseable {
    public static final ServiceSpec INTAKE = new ServiceSpec("intake-api", 8080, true);
    public static final ServiceSpec VALIDATION = new ServiceSpec("validation-service", 8081, true);
    public static final ServiceSpec FILES = new ServiceSpec("file-fetcher", 8082, false);
    public static final ServiceSpec LEDGER = new ServiceSpec("order-ledger", 8083, true);
    public static final ServiceSpec NOTIFICATION = new ServiceSpec("notification-service", 8084, true);
    public static final List<ServiceSpec> SERVICES = List.of(LEDGER, VALIDATION, FILES, NOTIFICATION, INTAKE);

    /** The reference facility's process: {@code deploy/reference-facility}, its log {@code reference-facility.log}. */
    public static final String FACILITY = "reference-facility";

    /**
     * How to run the suite: {@code dataDir} holds the services' logs ({@code logs/}) and file-fetcher's store
     * ({@code files/}); {@code facility} starts the reference facility with that step delay (null: no facility, e.g.
     * for the benchmark, which measures the suite up to {@code created}).
     */
    public record Options(Path root, Path dataDir, boolean freePorts, String apiKey, String adminKey,
            Map<String, String> extraProperties, Duration facility) {

        public Options(Path root, Path dataDir, boolean freePorts, String apiKey, String adminKey) {
            this(root, dataDir, freePorts, apiKey, adminKey, Map.of(), null);
        }

        public Options(Path root, Path dataDir, boolean freePorts, String apiKey, String adminKey,
                Map<String, String> extraProperties) {
            this(root, dataDir, freePorts, apiKey, adminKey, extraProperties, null);
        }

        /** The same options with the reference facility on, one {@code stepDelay} between its reports. */
        public Options withFacility(Duration stepDelay) {
            return new Options(root, dataDir, freePorts, apiKey, adminKey, extraProperties, stepDelay);
        }

        Path logDir() {
            return dataDir.resolve("logs");
        }
    }

    private final Infra infra;
    private final Map<ServiceSpec, Integer> ports;
    private final Map<ServiceSpec, Process> processes = new LinkedHashMap<>();
    private Process facility;
    private final Path logDir;
    private final Options options;

    private Suite(Infra infra, Map<ServiceSpec, Integer> ports, Options options) {
        this.infra = infra;
        this.ports = ports;
        this.logDir = options.logDir();
        this.options = options;
    }

    /** Starts every service on {@code infra} and waits until each one reports ready; the suite owns {@code infra}. */
    public static Suite start(Infra infra, Options options, Duration readyTimeout) {
        Map<ServiceSpec, Integer> ports = new LinkedHashMap<>();
        for (ServiceSpec spec : SERVICES) {
            ports.put(spec, options.freePorts() ? FreePorts.next() : spec.defaultPort());
        }
        Suite suite = new Suite(infra, ports, options);
        try {
            Files.createDirectories(options.logDir());
            for (ServiceSpec spec : SERVICES) {
                suite.launch(spec, options);
            }
            for (ServiceSpec spec : SERVICES) {
                suite.awaitReady(spec, readyTimeout);
            }
            if (options.facility() != null) {
                suite.launchFacility(options);
            }
            return suite;
        } catch (IOException e) {
            suite.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
    }

    private void launch(ServiceSpec spec, Options options) throws IOException {
        Path jar = spec.jar(options.root());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw package -DskipTests");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx384m");
        command.add("-XX:+UseSerialGC");
        config(spec, options).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        Path log = logDir.resolve(spec.name() + ".log");
        Process process = new ProcessBuilder(command)
                .directory(options.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        processes.put(spec, process);
    }

    /**
     * The reference facility as an outside facility runs: its own jar, only the broker's address (it reads the feed
     * from the beginning and finishes what a previous run left open: ADR 23).
     */
    private void launchFacility(Options options) throws IOException {
        Path jar = options.root().resolve("deploy/reference-facility/target/reference-facility.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw package -DskipTests");
        }
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx96m",
                "-XX:+UseSerialGC", "-jar", jar.toString(), "--bootstrap-servers", infra.bootstrapServers(),
                "--step-delay", options.facility().toMillis() + "ms");
        Path log = logDir.resolve(FACILITY + ".log");
        facility = new ProcessBuilder(command)
                .directory(options.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /** Whether the reference facility runs (it was asked for and has not exited). */
    public boolean facilityRunning() {
        return facility != null && facility.isAlive();
    }

    private Map<String, String> config(ServiceSpec spec, Options options) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.port", String.valueOf(ports.get(spec)));
        config.put("quarkus.http.host", "127.0.0.1");
        config.put("kafka.bootstrap.servers", infra.bootstrapServers());
        if (spec.usesDatabase()) {
            Database db = infra.database();
            config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
            config.put("quarkus.datasource.reactive.url", db.reactiveUrl());
            config.put("quarkus.datasource.username", db.user());
            config.put("quarkus.datasource.password", db.password());
        }
        if (spec == INTAKE) {
            config.put("quarkus.rest-client.ledger.url", url(LEDGER));
            config.put("intake.notification-url", url(NOTIFICATION));
            config.put("intake.admin-key", options.adminKey());
            config.put("intake.bootstrap-client.api-key", options.apiKey());
            config.put("intake.require-https", "false"); // a development run on this machine speaks plain HTTP
            config.put("filedrop.dir", options.dataDir().resolve("filedrop").toString()); // ADR 42
        }
        if (spec == FILES) {
            // the developer's own machine serves the print files of a local run (and of the end-to-end test)
            config.put("files.allowed-networks", "127.0.0.0/8,::1/128");
            config.put("files.store-dir", options.dataDir().resolve("files").toString());
            // the download links of checked copies point here and stay valid across restarts of the same data dir
            config.put("files.public-url", url(FILES));
            config.put("files.download.secret", keptSecret(options.dataDir(), "file-download-secret.key"));
        }
        if (spec == VALIDATION) {
            config.put("validation.admin-key", options.adminKey());
        }
        if (spec == NOTIFICATION) {
            config.put("notification.admin-key", options.adminKey());
            // receivers on the developer's machine (and the end-to-end test's) are plain-HTTP loopback addresses
            config.put("notification.allow-http", "true");
            config.put("notification.allowed-target-cidrs", "127.0.0.0/8,::1/128");
            config.put("notification.secret-encryption-key", secretKey(options.dataDir()));
            // mails go to the log unless an SMTP server is named (SMTP_HOST, SMTP_PORT)
            String smtp = System.getenv("SMTP_HOST");
            if (smtp == null || smtp.isBlank()) {
                config.put("quarkus.mailer.mock", "true");
            } else {
                config.put("quarkus.mailer.mock", "false");
                config.put("quarkus.mailer.host", smtp);
                config.put("quarkus.mailer.port", System.getenv().getOrDefault("SMTP_PORT", "25"));
            }
        }
        config.putAll(options.extraProperties());
        return config;
    }

    /**
     * The key that encrypts webhook signing secrets at rest: made once per data directory and kept there, since the
     * stored secrets cannot be read without it.
     */
    static String secretKey(Path dataDir) {
        return keptSecret(dataDir, "notification-secret.key");
    }

    /** 32 random bytes in base64, made once per data directory and kept in {@code fileName} there. */
    static String keptSecret(Path dataDir, String fileName) {
        Path file = dataDir.resolve(fileName);
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(dataDir);
                Files.writeString(file, Base64.getEncoder().encodeToString(key));
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the secret key in " + file, e);
        }
    }

    private void awaitReady(ServiceSpec spec, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = URI.create(url(spec) + "/q/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            Process process = processes.get(spec);
            if (!process.isAlive()) {
                throw new IllegalStateException(spec.name() + " exited with code " + process.exitValue()
                        + "; see " + logDir.resolve(spec.name() + ".log") + ":\n" + tail(spec));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(health)
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + spec.name(), e);
            }
            sleep(250);
        }
        throw new IllegalStateException(spec.name() + " was not ready within " + timeout + " (last answer: " + last
                + "); see " + logDir.resolve(spec.name() + ".log") + ":\n" + tail(spec));
    }

    /**
     * Kills a service the hard way (SIGKILL: no shutdown hooks, as in a crash) and starts it again on the same port
     * and database, waiting until it is ready.
     */
    public void crashAndRestart(ServiceSpec spec, Duration readyTimeout) {
        Process process = processes.get(spec);
        try {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            launch(spec, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting " + spec.name(), e);
        }
        awaitReady(spec, readyTimeout);
    }

    /** Stops a service gracefully (as an operator or a rolling update does) and waits until it has exited. */
    public void stop(ServiceSpec spec) {
        Process process = processes.get(spec);
        try {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + spec.name(), e);
        }
    }

    /** Starts a service stopped by {@link #stop} again on its port and database, waiting until it is ready. */
    public void start(ServiceSpec spec, Duration readyTimeout) {
        try {
            launch(spec, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(spec, readyTimeout);
    }

    private String tail(ServiceSpec spec) {
        try {
            List<String> lines = Files.readAllLines(logDir.resolve(spec.name() + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    public String url(ServiceSpec spec) {
        return "http://127.0.0.1:" + ports.get(spec);
    }

    /** The operating-system process id of a running service (e.g. to pause it with {@code kill -STOP}). */
    public long pid(ServiceSpec spec) {
        Process process = processes.get(spec);
        if (process == null) {
            throw new IllegalArgumentException(spec.name() + " is not running");
        }
        return process.pid();
    }

    public Infra infra() {
        return infra;
    }

    public Path logDir() {
        return logDir;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the services (gracefully, then forcibly) and then the broker and database. */
    @Override
    public void close() {
        if (facility != null) {
            facility.destroy();
            try {
                if (!facility.waitFor(15, TimeUnit.SECONDS)) {
                    facility.destroyForcibly();
                }
            } catch (InterruptedException e) {
                facility.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        // intake first, ledger last: producers stop before their consumers
        List<ServiceSpec> order = new ArrayList<>(processes.keySet());
        Collections.reverse(order);
        for (ServiceSpec spec : order) {
            processes.get(spec).destroy();
        }
        for (ServiceSpec spec : order) {
            Process process = processes.get(spec);
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        infra.close();
    }
}
