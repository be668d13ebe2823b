package com.podflow.intake.benchmark;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.events.EventJson;
import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.intake.api.LedgerStub;

/**
 * How many requests per second one intake-api instance answers on this machine, with its real PostgreSQL and Kafka
 * (the outbox relay publishing as it goes) and the requests log on. Three loads, each for {@code benchmark.seconds}
 * with {@code benchmark.concurrency} requests in flight, reported against the first as the baseline:
 * <ol>
 * <li>{@code GET /q/health/live}: the HTTP stack alone (baseline);
 * <li>{@code GET /v1/customers}: an authenticated read (API key check, rate limit, one query, requests log);
 * <li>{@code POST /v1/orders}: the seed order accepted (checks, one transaction with the outbox row, requests log).
 * </ol>
 * Not part of the default run (the name does not end in Test) and asserts nothing; run it with
 * {@code ./mvnw -B test -pl intake-api -Dtest=IntakeThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(LedgerStub.class)
class IntakeThroughputBenchmark {
    @TestHTTPResource("/")
    URL root;

    record Result(String name, double perSecond, long ok, long failed, long p50Micros, long p99Micros) {}

    @Test
    void requestsPerSecond() throws Exception {
        int seconds = Integer.getInteger("benchmark.seconds", 10);
        int concurrency = Integer.getInteger("benchmark.concurrency", 32);
        Map<String, String> client = given().header("X-ADMIN-KEY", "dev-admin").contentType(ContentType.JSON)
                .body(Map.of("name", "Benchmark")).post("/admin/v1/clients").then().statusCode(201).extract()
                .as(Map.class);
        given().header("X-ADMIN-KEY", "dev-admin").contentType(ContentType.JSON).body("{\"perSecond\": 100000}")
                .put("/admin/v1/clients/{id}/rate-limit", client.get("id")).then().statusCode(200);
        String key = client.get("apiKey");
        ObjectNode seed = (ObjectNode) EventJson.mapper().readTree(getClass().getResourceAsStream("/seed-order.json"));
        String base = root.toString().replaceAll("/+$", "");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        LongFunction<HttpRequest> health = n -> HttpRequest.newBuilder(URI.create(base + "/q/health/live")).build();
        LongFunction<HttpRequest> read = n -> HttpRequest.newBuilder(URI.create(base + "/v1/customers"))
                .header("X-API-KEY", key).build();
        String run = Long.toString(System.nanoTime(), 36);
        AtomicLong submitted = new AtomicLong();
        LongFunction<HttpRequest> submit = n -> {
            ObjectNode order = seed.deepCopy();
            order.put("orderReferenceId", "bench-" + run + "-" + submitted.incrementAndGet());
            return HttpRequest.newBuilder(URI.create(base + "/v1/orders")).header("X-API-KEY", key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(order.toString())).build();
        };

        // warm up each path (JIT, pools), then measure
        for (LongFunction<HttpRequest> load : List.of(health, read, submit)) {
            run("warm-up", http, load, 2, concurrency);
        }
        List<Result> results = List.of(
                run("GET /q/health/live (baseline)", http, health, seconds, concurrency),
                run("GET /v1/customers", http, read, seconds, concurrency),
                run("POST /v1/orders", http, submit, seconds, concurrency));

        double baseline = results.get(0).perSecond();
        System.out.printf(Locale.ROOT, "%nintake-api, %d s per load, %d requests in flight, %d cores%n", seconds,
                concurrency, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-32s %10s %8s %8s %8s %10s %10s%n", "load", "req/s", "ratio", "ok",
                "failed", "p50 ms", "p99 ms");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-32s %10.1f %8.3f %8d %8d %10.2f %10.2f%n", r.name(), r.perSecond(),
                    r.perSecond() / baseline, r.ok(), r.failed(), r.p50Micros() / 1000.0, r.p99Micros() / 1000.0);
        }
    }

    private static Result run(String name, HttpClient http, LongFunction<HttpRequest> requests, int seconds,
            int concurrency) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long n = 0;
        while (System.nanoTime() < end) {
            inFlight.acquire();
            long sent = System.nanoTime();
            http.sendAsync(requests.apply(n++), HttpResponse.BodyHandlers.discarding()).whenComplete((answer, e) -> {
                latencies.add((System.nanoTime() - sent) / 1000);
                if (e == null && answer.statusCode() < 300) {
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    statuses.computeIfAbsent(e == null ? answer.statusCode() : -1, s -> new AtomicLong())
                            .incrementAndGet();
                }
                inFlight.release();
            });
        }
        inFlight.acquire(concurrency);
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (!statuses.isEmpty()) {
            System.out.println(name + ": failures by status (-1: no answer) " + statuses);
        }
        List<Long> sorted;
        synchronized (latencies) {
            sorted = new ArrayList<>(latencies);
        }
        Collections.sort(sorted);
        return new Result(name, ok.get() / elapsed, ok.get(), failed.get(), percentile(sorted, 0.50),
                percentile(sorted, 0.99));
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p)));
    }
}
