package com.podflow.runner.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.EventJson;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.Topics;
import com.podflow.events.order.Order;
import com.podflow.infra.Infra;
import com.podflow.runner.ServiceSpec;
import com.podflow.runner.Suite;

/**
 * {@code ./bench.sh}: the end-to-end benchmark. Starts a fresh suite (free ports, a temporary data directory), then
 * measures in the same run, so that every figure comes with a baseline taken on the same busy machine:
 * <ol>
 * <li>{@code http}: bare HTTP, {@code GET /q/health/live} on intake-api (baseline for HTTP);
 * <li>{@code pg}: raw PostgreSQL, single-row inserts of 1.3 KB into a scratch table (baseline for intake);
 * <li>{@code deliveries}: postbacks received per second from a backlog of status changes (ratio to raw POSTs from
 * this JVM to the same receiver);
 * <li>{@code pipeline}: submit → created at saturation (at most {@code --window} orders between the two), counted in
 * the ledger's projection (ratio to intake alone);
 * <li>{@code steady}: a fixed offered rate; p50/p99 of received → created and whether the suite kept up;
 * <li>{@code intake}: intake alone, {@code POST /v1/orders} with the four consuming services paused (SIGSTOP); last,
 * since the orders it accepts would otherwise queue in front of every later phase.
 * </ol>
 * Each phase also tells where the CPU went (per service, PostgreSQL, and this JVM, which hosts the broker). Not a
 * test: it asserts nothing, and {@code ./mvnw verify} never runs it.
 */
public final class Benchmark {
    static final String ADMIN_KEY = "bench-admin";
    static final String DEV_KEY = "bench-dev:bench-dev-secret";
    static final int PG_ROW_BYTES = 1300;
    /** An order created later than this after the last submission of a steady phase means the suite fell behind. */
    static final Duration KEEP_UP_SLACK = Duration.ofSeconds(5);
    static final Duration POLL = Duration.ofMillis(100);
    static final int WARM_UP_ORDERS = 200;
    static final ObjectMapper JSON = new ObjectMapper();

    private final BenchmarkOptions options;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpLoad load = new HttpLoad();
    private final Set<ServiceSpec> paused = new LinkedHashSet<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final List<Figure> figures = new ArrayList<>();

    private volatile Path dataDir;
    private volatile Suite suite;
    private volatile LocalEndpoints endpoints;
    private CpuUse cpu;
    private volatile ConsumerLag lag;
    private volatile boolean failed;
    private String orderTemplate;
    private Order seedOrder;

    private Benchmark(BenchmarkOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // the in-process broker's start-up and shut-down warnings say nothing about the figures
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (e.getMessage().isEmpty()) {
                System.out.println(BenchmarkOptions.USAGE);
                System.exit(0);
                return;
            }
            System.err.println("benchmark: " + e.getMessage());
            System.err.println(BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        Benchmark benchmark = new Benchmark(options);
        Runtime.getRuntime().addShutdownHook(new Thread(benchmark::stop, "benchmark-stop"));
        int code = 0;
        try {
            benchmark.run();
        } catch (Exception e) {
            benchmark.failed = true;
            System.err.println("benchmark: FAILED: " + e);
            e.printStackTrace();
            benchmark.printTable();
            code = 1;
        } finally {
            benchmark.stop();
        }
        System.exit(code);
    }

    private void run() throws Exception {
        Path root = Path.of(System.getenv().getOrDefault("PODFLOW_ROOT", ".")).toAbsolutePath().normalize();
        dataDir = Files.createTempDirectory("podflow-bench-");
        say(String.format(Locale.ROOT, "%d cores, load average %s, %d s per phase, options %s",
                Runtime.getRuntime().availableProcessors(), loadAverage(), options.seconds(), options));
        say("starting Kafka, PostgreSQL and the five services on free ports (data and logs in " + dataDir + ") ...");
        endpoints = LocalEndpoints.start();
        long t0 = System.nanoTime();
        Infra infra = Infra.startForTests(System.getenv());
        suite = Suite.start(infra, new Suite.Options(root, dataDir, true, DEV_KEY, ADMIN_KEY),
                Duration.ofMinutes(5));
        say(String.format(Locale.ROOT, "suite ready in %.0f s; intake-api at %s", (System.nanoTime() - t0) / 1e9,
                suite.url(Suite.INTAKE)));
        prepareSeed();
        cpu = new CpuUse(suite);
        lag = new ConsumerLag(infra.bootstrapServers());

        warmUpPipeline();
        Double httpPerSecond = options.runs("http") ? bareHttp() : null;
        Double pgPerSecond = options.runs("pg") ? rawPostgres() : null;
        if (options.runs("deliveries")) {
            deliveries();
        }
        Double pipelinePerSecond = options.runs("pipeline") ? pipeline() : null;
        if (options.runs("steady")) {
            for (int rate : options.rates()) {
                steady(rate);
            }
        }
        if (options.runs("intake")) {
            intakeAlone(httpPerSecond, pgPerSecond, pipelinePerSecond);
        } else if (pipelinePerSecond != null) {
            figures.add(Figure.ratio("pipeline: submit → created orders/s (saturation)", pipelinePerSecond,
                    "intake alone (not run)", null, 0.5));
        }
        say("load average at the end " + loadAverage());
        printTable();
    }

    // ---------------------------------------------------------------------------------------------------- phases

    /**
     * Orders all the way through first, so that every service has loaded its classes, compiled its hot paths and
     * opened its pools (with fewer, the first loaded phase measured cold consumers at a fraction of their pace).
     */
    private void warmUpPipeline() throws Exception {
        Client client = client("warm-up");
        say("warm-up: " + WARM_UP_ORDERS + " orders through the pipeline ...");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < WARM_UP_ORDERS; i++) {
            HttpRequest request = submit(client, "warm", i);
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
                throw new IllegalStateException("POST /v1/orders answered " + answer.statusCode() + ": "
                        + answer.body());
            }
            ids.add(idOf(answer.body()));
        }
        if (!awaitDone("warm-up", ids, options.drain())) {
            throw new IllegalStateException("the warm-up orders were not created: nothing to measure");
        }
        long failedOrders = ids.stream().filter(id -> endpoints.order(id).failedCode != null).count();
        if (failedOrders > 0) {
            throw new IllegalStateException(failedOrders + " warm-up orders failed validation, e.g. "
                    + endpoints.order(ids.get(0)).failedCode + ": the benchmark's seed order must be created");
        }
    }

    private double bareHttp() throws InterruptedException {
        say("bare HTTP: GET /q/health/live, " + options.concurrency() + " in flight ...");
        URI live = URI.create(suite.url(Suite.INTAKE) + "/q/health/live");
        HttpLoad.Request get = HttpLoad.Request.get(live);
        LongFunction<HttpLoad.Request> health = i -> get;
        load.closedLoop("warm-up", health, options.concurrency(), options.warmUp(), () -> true, (a, t) -> {
        });
        CpuUse.Snapshot before = cpu.snapshot();
        HttpLoad.Result result = load.closedLoop("GET /q/health/live", health, options.concurrency(),
                options.measured(), () -> true, (a, t) -> {
                });
        report(result);
        say("bare HTTP: " + CpuUse.between(before, cpu.snapshot()));
        figures.add(Figure.baseline("bare HTTP: GET /q/health/live on intake-api, req/s", result.perSecond(),
                latency(result)));
        return result.perSecond();
    }

    private double rawPostgres() throws SQLException, InterruptedException {
        say("raw PostgreSQL: " + PG_ROW_BYTES + "-byte single-row inserts, " + options.pgConnections()
                + " connections ...");
        // no CPU figures here: the backends of these connections have ended before a second snapshot could count them
        double perSecond = new RawPostgres(suite.infra().database()).insertsPerSecond(pgPayload(),
                options.pgConnections(), options.warmUp(), options.measured());
        say(String.format(Locale.ROOT, "raw PostgreSQL: %.0f inserts/s", perSecond));
        figures.add(Figure.baseline("raw PostgreSQL: 1.3 KB inserts/s, " + options.pgConnections() + " connections",
                perSecond, null));
        return perSecond;
    }

    /**
     * Submit → created at saturation: orders are submitted ({@code --concurrency} in flight) whenever fewer than
     * {@code --window} of this phase's orders are still on their way; the ledger's projection counts the created ones.
     * The first {@code max(5 s, warm-up)} fill the pipeline and are not counted.
     */
    private double pipeline() throws Exception {
        Client client = client("pipeline");
        Duration ramp = Duration.ofSeconds(Math.max(5, options.warmUpSeconds()));
        say("pipeline at saturation: at most " + options.window() + " orders between submit and created, "
                + ramp.toSeconds() + " s to fill, then " + options.seconds() + " s measured ...");
        try (LedgerCount ledger = new LedgerCount(client.id())) {
            AtomicLong submitted = new AtomicLong();
            ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
            BooleanSupplier room = () -> submitted.get() - ledger.done() < options.window();
            ExecutorService sender = Executors.newSingleThreadExecutor();
            Future<HttpLoad.Result> submitting;
            try {
                long start = System.nanoTime();
                submitting = sender.submit(() -> load.closedLoop("pipeline submissions",
                        i -> order(client, "pipe", submitted.getAndIncrement()), options.concurrency(),
                        ramp.plus(options.measured()), room, (answer, at) -> {
                            if (answer.statusCode() == 201) {
                                ids.add(idOf(answer.body()));
                            }
                        }));
                sleepUntil(start + ramp.toNanos());
                CpuUse.Snapshot cpu1 = cpu.snapshot();
                long t1 = System.nanoTime();
                long created1 = ledger.queryCreated();
                long delivered1 = endpoints.client(client.id()).count.get();
                sleepUntil(t1 + options.measured().toNanos());
                long t2 = System.nanoTime();
                long created2 = ledger.queryCreated();
                long delivered2 = endpoints.client(client.id()).count.get();
                CpuUse.Snapshot cpu2 = cpu.snapshot();
                HttpLoad.Result result = submitting.get(options.seconds() + 120L, TimeUnit.SECONDS);
                double seconds = (t2 - t1) / 1e9;
                double perSecond = (created2 - created1) / seconds;
                double deliveredPerSecond = (delivered2 - delivered1) / seconds;
                say(String.format(Locale.ROOT,
                        "pipeline: %.1f orders/s created (%d in %.1f s); %d submitted, POST p50 %s p99 %s;"
                                + " meanwhile %.1f postbacks/s received",
                        perSecond, created2 - created1, seconds, result.ok(),
                        Latencies.format(result.latencies().percentile(0.5)),
                        Latencies.format(result.latencies().percentile(0.99)), deliveredPerSecond));
                say("pipeline: " + CpuUse.between(cpu1, cpu2));
                say("pipeline: at the end of the measured seconds, " + lag.describe());
                awaitLedger("pipeline", ledger, result.ok(), options.drain());
                if (ledger.failed() > 0) {
                    say("pipeline: WARNING " + ledger.failed() + " orders failed validation (see the ledger)");
                }
                figures.add(Figure.info("postbacks/s received during the pipeline phase (3 per order)",
                        deliveredPerSecond, "bounded by the pipeline, not a capacity"));
                return perSecond;
            } finally {
                sender.shutdownNow();
            }
        }
    }

    /**
     * A fixed offered rate for {@code --seconds}: an order every 1/rate s, whatever the answers do. Received → created
     * is taken from the times the postbacks carry (the ledger's statusHistory: the order's {@code OrderReceived} time
     * and the time of the verdict that made it created), and also as the client sees it: from the 201 to the arrival
     * of the created postback.
     */
    private void steady(int rate) throws Exception {
        Client client = client("steady-" + rate);
        say("steady: " + rate + " orders/s offered for " + options.seconds() + " s ...");
        record Submission(String id, long answered) {}
        ConcurrentLinkedQueue<Submission> accepted = new ConcurrentLinkedQueue<>();
        CpuUse.Snapshot before = cpu.snapshot();
        HttpLoad.Result result = load.openLoop("steady " + rate + "/s", i -> order(client, "steady" + rate, i), rate,
                options.measured(), 1024, (answer, at) -> {
                    if (answer.statusCode() == 201) {
                        accepted.add(new Submission(idOf(answer.body()), at));
                    }
                });
        String cpuUse = CpuUse.between(before, cpu.snapshot());
        String queues = lag.describe();
        long lastAnswer = accepted.stream().mapToLong(Submission::answered).max().orElse(System.nanoTime());
        List<String> ids = accepted.stream().map(Submission::id).toList();
        sleepUntil(lastAnswer + KEEP_UP_SLACK.toNanos());
        long doneInTime = ids.stream().filter(id -> endpoints.order(id).done()).count();
        long createdInPhase = ids.stream().filter(id -> {
            long arrival = endpoints.order(id).createdArrival;
            return arrival != 0 && arrival <= lastAnswer;
        }).count();
        boolean drained = awaitDone("steady " + rate + "/s", ids, options.drain());
        long lastCreated = ids.stream().mapToLong(id -> endpoints.order(id).createdArrival).max().orElse(0);
        double drainSeconds = (lastCreated - lastAnswer) / 1e9;
        double drainRate = drainSeconds <= 0 ? 0 : (ids.size() - createdInPhase) / drainSeconds;
        String drain = drained
                ? String.format(Locale.ROOT, "; the last created %.1f s after the last submission (%.1f created/s"
                        + " meanwhile)", drainSeconds, drainRate)
                : "; NOT all created " + options.drainSeconds() + " s later (later phases run behind a backlog)";

        Latencies history = new Latencies();
        Latencies client201ToPostback = new Latencies();
        long failedOrders = 0;
        for (Submission s : accepted) {
            LocalEndpoints.OrderArrivals order = endpoints.order(s.id());
            failedOrders += order.failedCode == null ? 0 : 1;
            history.add(order.createdAt == null || order.receivedAt == null
                    ? Latencies.NEVER
                    : Duration.between(order.receivedAt, order.createdAt).toNanos());
            client201ToPostback.add(order.createdArrival == 0 ? Latencies.NEVER : order.createdArrival - s.answered());
        }
        boolean keptUp = result.sentPerSecond() >= 0.95 * rate && result.failed() == 0 && doneInTime == ids.size()
                && failedOrders == 0;
        String how = String.format(Locale.ROOT,
                "%s: %.1f/s sent (send lag max %s), %d accepted, %d created by the last answer, %d done %d s later%s",
                keptUp ? "kept up" : "fell behind", result.sentPerSecond(), Latencies.format(result.maxSendLagNanos()),
                ids.size(), createdInPhase, doneInTime, KEEP_UP_SLACK.toSeconds(),
                failedOrders == 0 ? "" : ", " + failedOrders + " FAILED") + drain;
        say("steady " + rate + "/s: received → created p50 " + Latencies.format(history.percentile(0.5)) + " p99 "
                + Latencies.format(history.percentile(0.99)) + " (statusHistory); 201 → created postback p50 "
                + Latencies.format(client201ToPostback.percentile(0.5)) + " p99 "
                + Latencies.format(client201ToPostback.percentile(0.99)) + "; POST p50 "
                + Latencies.format(result.latencies().percentile(0.5)) + " p99 "
                + Latencies.format(result.latencies().percentile(0.99)) + "; " + how);
        say("steady " + rate + "/s while offered: " + cpuUse);
        say("steady " + rate + "/s at the end of the offered seconds, " + queues);
        Double target = rate == 100 ? 1.0 : null;
        figures.add(Figure.latency(rate + "/s offered: received → created p50 / p99 (statusHistory times)",
                history, target));
        figures.add(Figure.latency(rate + "/s offered: 201 → created postback p50 / p99 (client's clock)",
                client201ToPostback, null));
        figures.add(Figure.text(rate + "/s offered: kept up?", keptUp ? "yes" : "no", how));
        if (drained && drainRate > 0 && !keptUp) {
            figures.add(Figure.info(rate + "/s offered: created/s while the backlog drained", drainRate,
                    "the pipeline's pace with a deep queue, for comparison with the saturation phase"));
        }
    }

    /**
     * Deliveries: {@code --deliveries} status changes (received, passed, created of a third as many orders) put on
     * {@code orders.status} while notification-service is paused, then counted as they reach the receiver once it
     * runs again, from the first postback to the last. Baseline: raw POSTs of a postback-sized body from this JVM to
     * the same receiver, {@code --post-concurrency} in flight, before and after.
     */
    private void deliveries() throws Exception {
        Client client = client("deliveries");
        int orders = Math.max(1, options.deliveries() / 3);
        int expected = orders * 3;
        say("deliveries: raw POSTs to the receiver (" + options.postConcurrency() + " in flight) ...");
        load.closedLoop("warm-up", rawPost(), options.postConcurrency(), options.warmUp(), () -> true, (a, t) -> {
        });
        HttpLoad.Result before = load.closedLoop("raw POSTs", rawPost(), options.postConcurrency(),
                options.measured(), () -> true, (a, t) -> {
                });
        report(before);

        say("deliveries: " + expected + " status changes queued for notification-service (paused) ...");
        pause(Suite.NOTIFICATION);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.infra().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new StringSerializer())) {
            FulfillmentStatus[] steps = {FulfillmentStatus.RECEIVED, FulfillmentStatus.PASSED,
                    FulfillmentStatus.CREATED};
            for (int i = 0; i < orders; i++) {
                String orderId = UUID.randomUUID().toString();
                for (int s = 0; s < steps.length; s++) {
                    OrderStatusChanged change = new OrderStatusChanged(orderId, client.id(),
                            "bench-" + run + "-deliveries-" + i, s + 1, s == 0 ? null : steps[s - 1], steps[s],
                            "benchmark", 1, null, null, seedOrder, Instant.now());
                    EventEnvelope envelope = EventEnvelope.wrap(change, "/benchmark", client.id(), 1, null);
                    ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ORDERS_STATUS, envelope.key(),
                            EventCodec.encode(envelope));
                    record.headers().add("content-type", EventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                    producer.send(record);
                }
            }
            producer.flush();
        }
        CpuUse.Snapshot cpuBefore = cpu.snapshot();
        long resumed = System.nanoTime();
        resume(Suite.NOTIFICATION);
        LocalEndpoints.ClientArrivals arrivals = endpoints.client(client.id());
        boolean all = await("deliveries", options.drain(), () -> arrivals.count.get() >= expected,
                () -> arrivals.count.get() + " of " + expected + " postbacks received");
        String cpuUse = CpuUse.between(cpuBefore, cpu.snapshot());
        long count = arrivals.count.get();
        double perSecond = count < 2 ? 0 : (count - 1) / ((arrivals.last - arrivals.first) / 1e9);
        double fromResume = count / ((arrivals.last - resumed) / 1e9);

        HttpLoad.Result after = load.closedLoop("raw POSTs", rawPost(), options.postConcurrency(), options.measured(),
                () -> true, (a, t) -> {
                });
        report(after);
        double raw = (before.perSecond() + after.perSecond()) / 2;
        say(String.format(Locale.ROOT,
                "deliveries: %.0f/s from the first postback to the last (%.0f/s from resume; first after %.1f s)%s;"
                        + " raw POSTs %.0f/s before, %.0f/s after",
                perSecond, fromResume, (arrivals.first - resumed) / 1e9,
                all ? "" : " — only " + count + " of " + expected + " arrived", before.perSecond(),
                after.perSecond()));
        say("deliveries: " + cpuUse);
        figures.add(Figure.baseline("raw POSTs/s from this JVM to the receiver, " + options.postConcurrency()
                + " in flight (mean of before/after)", raw, null));
        figures.add(Figure.ratio("deliveries/s: postbacks received from a backlog of " + expected, perSecond,
                "raw POSTs/s", raw, 0.5));
    }

    private void intakeAlone(Double httpPerSecond, Double pgPerSecond, Double pipelinePerSecond) throws Exception {
        Client client = client("intake-alone");
        List<ServiceSpec> consumers = List.of(Suite.VALIDATION, Suite.FILES, Suite.LEDGER, Suite.NOTIFICATION);
        say("intake alone: POST /v1/orders, " + options.concurrency() + " in flight, with "
                + consumers.stream().map(ServiceSpec::name).toList() + " paused ...");
        for (ServiceSpec spec : consumers) {
            pause(spec);
        }
        HttpLoad.Result result;
        try {
            AtomicLong n = new AtomicLong();
            load.closedLoop("warm-up", i -> order(client, "alone-warm", n.getAndIncrement()), options.concurrency(),
                    options.warmUp(), () -> true, (a, t) -> {
                    });
            CpuUse.Snapshot before = cpu.snapshot();
            result = load.closedLoop("POST /v1/orders (intake alone)",
                    i -> order(client, "alone", n.getAndIncrement()), options.concurrency(), options.measured(),
                    () -> true, (a, t) -> {
                    });
            say("intake alone: " + CpuUse.between(before, cpu.snapshot()));
        } finally {
            for (ServiceSpec spec : consumers) {
                resume(spec);
            }
        }
        report(result);
        double perSecond = result.perSecond();
        figures.add(Figure.ratio("intake alone: POST /v1/orders/s (4 consumers paused)", perSecond,
                "raw PostgreSQL inserts/s", pgPerSecond, 0.2));
        figures.add(Figure.ratio("intake alone vs bare HTTP", perSecond, "bare HTTP req/s", httpPerSecond, null));
        figures.add(Figure.text("intake alone: POST latency p50 / p99",
                Latencies.format(result.latencies().percentile(0.5)) + " / "
                        + Latencies.format(result.latencies().percentile(0.99)),
                options.concurrency() + " in flight"));
        if (pipelinePerSecond != null) {
            figures.add(Figure.ratio("pipeline: submit → created orders/s (saturation)", pipelinePerSecond,
                    "intake alone orders/s", perSecond, 0.5));
        }
    }

    // ---------------------------------------------------------------------------------------------- the suite

    record Client(String id, String apiKey) {}

    /** A client of its own for a phase: no practical rate limit, its postbacks to the benchmark's receiver. */
    private Client client(String name) throws IOException, InterruptedException {
        String intake = suite.url(Suite.INTAKE);
        JsonNode created = call(HttpRequest.newBuilder(URI.create(intake + "/admin/v1/clients"))
                .header("X-ADMIN-KEY", ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"benchmark " + name + "\"}")), 201);
        Client client = new Client(created.path("id").asText(), created.path("apiKey").asText());
        call(HttpRequest.newBuilder(URI.create(intake + "/admin/v1/clients/" + client.id() + "/rate-limit"))
                .header("X-ADMIN-KEY", ADMIN_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"perSecond\": 100000}")), 200);
        call(HttpRequest.newBuilder(URI.create(intake + "/v1/postback"))
                .header("X-API-KEY", client.apiKey()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"url\": \"" + endpoints.postbackUrl() + "\"}")), 200);
        return client;
    }

    private JsonNode call(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> answer = http.send(built, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " answered " + answer.statusCode()
                    + " (expected " + expected + "): " + answer.body());
        }
        return answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
    }

    /** The seed order of the API reference, its print file served by this JVM. */
    private void prepareSeed() throws IOException {
        try (InputStream in = Benchmark.class.getResourceAsStream("/seed-order.json")) {
            if (in == null) {
                throw new IllegalStateException("seed-order.json is not on the class path");
            }
            ObjectNode seed = (ObjectNode) JSON.readTree(in);
            ((ObjectNode) seed.at("/items/0/files/0")).put("url", endpoints.fileUrl());
            seed.put("orderReferenceId", "seed");
            seedOrder = EventJson.mapper().treeToValue(seed, Order.class);
            seed.put("orderReferenceId", "@REFERENCE@");
            orderTemplate = seed.toString();
        }
    }

    /** POST /v1/orders of the seed order under a reference no other order of any run has (for the load). */
    private HttpLoad.Request order(Client client, String phase, long n) {
        return HttpLoad.Request.post(URI.create(suite.url(Suite.INTAKE) + "/v1/orders"),
                Map.of("X-API-KEY", client.apiKey(), "Content-Type", "application/json"), orderBody(phase, n));
    }

    /** The same as {@link #order}, for one request at a time with the JDK's client. */
    private HttpRequest submit(Client client, String phase, long n) {
        return HttpRequest.newBuilder(URI.create(suite.url(Suite.INTAKE) + "/v1/orders"))
                .timeout(HttpLoad.REQUEST_TIMEOUT)
                .header("X-API-KEY", client.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(orderBody(phase, n))).build();
    }

    private String orderBody(String phase, long n) {
        return orderTemplate.replace("@REFERENCE@", "bench-" + run + "-" + phase + "-" + n);
    }

    private static String idOf(String answer) {
        try {
            return JSON.readTree(answer).path("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("an answer without an order id: " + answer, e);
        }
    }

    /** A POST to the receiver with a body of a postback's size, filed under a client no order belongs to. */
    private LongFunction<HttpLoad.Request> rawPost() {
        String body = String.format(Locale.ROOT, "{\"version\":1,\"eventId\":\"%s\",\"eventType\":\"order_status_"
                + "updated\",\"occurredAt\":\"%s\",\"orderId\":\"raw\",\"orderReferenceId\":\"raw\",\"clientId\":"
                + "\"raw-baseline\",\"fulfillmentStatus\":\"received\",\"previousStatus\":null,\"sequence\":1,"
                + "\"cause\":\"benchmark\",\"refusalReasonCode\":null,\"refusalReason\":null,\"items\":[{"
                + "\"itemReferenceId\":\"test1\",\"productUid\":\"flat_product_pf_a4_pt_200-gsm-uncoated_cl_4-0_ct_"
                + "none_prt_none_sft_none_set_none_hor\",\"quantity\":1,\"status\":\"received\"}],\"tracking\":null,"
                + "\"metadata\":[]}", UUID.randomUUID(), Instant.now());
        URI receiver = URI.create(endpoints.postbackUrl());
        HttpLoad.Request post = HttpLoad.Request.post(receiver, Map.of("Content-Type", "application/json"), body);
        return i -> post;
    }

    /** 1.3 KB: the seed order's JSON, padded. */
    private String pgPayload() {
        StringBuilder payload = new StringBuilder(orderTemplate);
        while (payload.length() < PG_ROW_BYTES) {
            payload.append(' ');
        }
        return payload.substring(0, PG_ROW_BYTES);
    }

    private void pause(ServiceSpec spec) throws IOException, InterruptedException {
        signal(spec, "STOP");
        synchronized (paused) {
            paused.add(spec);
        }
    }

    private void resume(ServiceSpec spec) throws IOException, InterruptedException {
        signal(spec, "CONT");
        synchronized (paused) {
            paused.remove(spec);
        }
    }

    private void signal(ServiceSpec spec, String signal) throws IOException, InterruptedException {
        long pid = suite.pid(spec);
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " (" + spec.name() + ") failed: "
                    + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Resumes what is paused, stops the suite and the local servers; once, from the end of main or Ctrl-C. */
    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        Set<ServiceSpec> stillPaused;
        synchronized (paused) {
            stillPaused = Set.copyOf(paused);
        }
        for (ServiceSpec spec : stillPaused) {
            try {
                resume(spec);
            } catch (Exception e) {
                System.err.println("benchmark: could not resume " + spec.name() + ": " + e);
            }
        }
        if (lag != null) {
            lag.close(Duration.ofSeconds(5));
        }
        if (suite != null) {
            say("stopping the suite ...");
            try {
                suite.close();
            } catch (RuntimeException e) {
                System.err.println("benchmark: stopping the suite: " + e);
            }
        }
        if (endpoints != null) {
            endpoints.close();
        }
        load.close();
        Path data = dataDir;
        if (data != null) {
            if (options.keepData() || failed) {
                say("service logs kept in " + data.resolve("logs"));
            } else {
                delete(data);
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("benchmark: could not delete " + dir + ": " + e);
        }
    }

    // --------------------------------------------------------------------------------------------- waiting

    /** Waits until every order of {@code ids} has a created (or failed) postback. */
    private boolean awaitDone(String phase, java.util.Collection<String> ids, Duration timeout) {
        List<LocalEndpoints.OrderArrivals> orders = ids.stream().map(endpoints::order).toList();
        LongSupplier done = () -> orders.stream().filter(LocalEndpoints.OrderArrivals::done).count();
        return await(phase, timeout, () -> done.getAsLong() == orders.size(),
                () -> done.getAsLong() + " of " + orders.size() + " orders created (by postback)");
    }

    private boolean awaitLedger(String phase, LedgerCount ledger, long expected, Duration timeout) {
        return await(phase, timeout, () -> ledger.done() >= expected,
                () -> ledger.done() + " of " + expected + " orders created (in the ledger)");
    }

    /** Polls {@code condition} until {@code timeout}, telling how far it got every 15 s and when it gives up. */
    private boolean await(String phase, Duration timeout, BooleanSupplier condition,
            java.util.function.Supplier<String> progress) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextReport = start + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            long now = System.nanoTime();
            if (now > deadline) {
                say(phase + ": GAVE UP waiting after " + timeout.toSeconds() + " s: " + progress.get()
                        + "; see the service logs in " + suite.logDir());
                return false;
            }
            if (now > nextReport) {
                say(phase + ": waiting, " + progress.get() + " after " + (now - start) / 1_000_000_000 + " s");
                nextReport = now + TimeUnit.SECONDS.toNanos(15);
            }
            sleep(POLL.toMillis());
        }
        return true;
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            sleep(TimeUnit.NANOSECONDS.toMillis(wait) + 1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * How many of one client's orders the ledger's projection holds as created or failed, read every 100 ms on a
     * connection of its own (one indexed count, so the ledger hardly notices).
     */
    private final class LedgerCount implements AutoCloseable {
        private static final String SQL = "select count(*) filter (where status = 'created'),"
                + " count(*) filter (where status = 'failed') from ledger.orders where client_id = ?";
        private final Connection connection;
        private final PreparedStatement query;
        private final java.util.concurrent.ScheduledExecutorService poller = Executors
                .newSingleThreadScheduledExecutor();
        private volatile long created;
        private volatile long failed;

        LedgerCount(String clientId) throws SQLException {
            connection = new RawPostgres(suite.infra().database()).connect();
            query = connection.prepareStatement(SQL);
            query.setString(1, clientId);
            poller.scheduleWithFixedDelay(() -> {
                try {
                    queryCreated();
                } catch (SQLException e) {
                    System.err.println("benchmark: counting created orders failed: " + e);
                }
            }, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        }

        synchronized long queryCreated() throws SQLException {
            try (ResultSet row = query.executeQuery()) {
                row.next();
                created = row.getLong(1);
                failed = row.getLong(2);
                return created;
            }
        }

        long done() {
            return created + failed;
        }

        long failed() {
            return failed;
        }

        @Override
        public void close() throws SQLException {
            poller.shutdownNow();
            synchronized (this) {
                connection.close();
            }
        }
    }

    // -------------------------------------------------------------------------------------------- reporting

    private void report(HttpLoad.Result result) {
        say(String.format(Locale.ROOT, "%s: %.0f/s (%d ok, %d failed in %.1f s), p50 %s, p99 %s", result.name(),
                result.perSecond(), result.ok(), result.failed(), result.seconds(),
                Latencies.format(result.latencies().percentile(0.5)),
                Latencies.format(result.latencies().percentile(0.99))));
    }

    private static String latency(HttpLoad.Result result) {
        return "p50 " + Latencies.format(result.latencies().percentile(0.5)) + ", p99 "
                + Latencies.format(result.latencies().percentile(0.99));
    }

    /** One line of the final table. */
    record Figure(String name, String value, String baseline, String ratio, String target, String met) {

        static Figure baseline(String name, double perSecond, String note) {
            return new Figure(name, number(perSecond), note == null ? "" : note, "", "baseline", "");
        }

        static Figure info(String name, double perSecond, String note) {
            return new Figure(name, number(perSecond), note, "", "", "");
        }

        static Figure text(String name, String value, String note) {
            return new Figure(name, value, note, "", "", "");
        }

        static Figure ratio(String name, double value, String baselineName, Double baseline, Double target) {
            if (baseline == null || baseline <= 0) {
                return new Figure(name, number(value), baselineName + ": not measured", "", target == null
                        ? ""
                        : "≥ " + target, "");
            }
            double ratio = value / baseline;
            return new Figure(name, number(value), baselineName + " " + number(baseline),
                    String.format(Locale.ROOT, "%.3f", ratio), target == null ? "" : "≥ " + target,
                    target == null ? "" : ratio >= target ? "yes" : "NO");
        }

        static Figure latency(String name, Latencies latencies, Double targetP99Seconds) {
            long p99 = latencies.percentile(0.99);
            String value = Latencies.format(latencies.percentile(0.5)) + " / " + Latencies.format(p99);
            if (targetP99Seconds == null) {
                return new Figure(name, value, latencies.size() + " orders", "", "", "");
            }
            boolean met = p99 >= 0 && p99 != Latencies.NEVER && p99 <= targetP99Seconds * 1e9;
            return new Figure(name, value, latencies.size() + " orders", "", "p99 ≤ " + number(targetP99Seconds)
                    + " s", met ? "yes" : "NO");
        }

        private static String number(double value) {
            return value >= 100
                    ? String.format(Locale.ROOT, "%.0f", value)
                    : String.format(Locale.ROOT, "%.2f", value);
        }
    }

    private void printTable() {
        if (figures.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("| figure | value | baseline | ratio | target | met |");
        System.out.println("|---|---|---|---|---|---|");
        for (Figure f : figures) {
            System.out.println("| " + String.join(" | ", f.name(), f.value(), f.baseline(), f.ratio(), f.target(),
                    f.met()) + " |");
        }
        System.out.println();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void say(String message) {
        System.out.println("benchmark: " + message);
    }
}
