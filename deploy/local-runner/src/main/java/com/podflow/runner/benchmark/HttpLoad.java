package com.podflow.runner.benchmark;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The load generator (no wrk here): requests sent asynchronously, either closed-loop (a fixed number in flight, as wrk
 * does) or open-loop (one every 1/rate seconds, whatever the answers do). It is Vert.x's HTTP client on one event loop
 * with kept-alive HTTP/1.1 connections: the JDK's HttpClient hands every answer across threads and cost the benchmark's
 * JVM about twice the CPU that intake-api spent serving {@code GET /q/health/live}, so the baselines measured the
 * generator.
 */
final class HttpLoad implements AutoCloseable {
    /** How long one request may take before it counts as failed. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final HttpClient http;

    HttpLoad() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5_000)
                .setIdleTimeout(60), new PoolOptions().setHttp1MaxSize(1024).setMaxWaitQueueSize(-1));
    }

    /** One request: method, address, headers and an optional body (UTF-8). */
    record Request(HttpMethod method, URI uri, Map<String, String> headers, String body) {
        static Request get(URI uri) {
            return new Request(HttpMethod.GET, uri, Map.of(), null);
        }

        static Request post(URI uri, Map<String, String> headers, String body) {
            return new Request(HttpMethod.POST, uri, headers, body);
        }
    }

    /** An answer: status and body. */
    record Answer(int statusCode, String body) {}

    /** Sends one request; the future completes with the answer or fails (no answer, timeout). */
    Future<Answer> send(Request request) {
        RequestOptions options = new RequestOptions().setMethod(request.method())
                .setAbsoluteURI(request.uri().toString()).setIdleTimeout(REQUEST_TIMEOUT.toMillis());
        request.headers().forEach(options::putHeader);
        return http.request(options)
                .compose(sent -> request.body() == null ? sent.send() : sent.send(request.body()))
                .compose(answer -> answer.body().map(body -> new Answer(answer.statusCode(),
                        body.toString(StandardCharsets.UTF_8))));
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null)
                .join();
    }

    /** What a load did: answers below 300 are {@code ok}; failures by status, -1 for no answer. */
    record Result(String name, long ok, long failed, Map<Integer, Long> failures, double seconds, Latencies latencies,
            double offeredPerSecond, long maxSendLagNanos) {

        double perSecond() {
            return ok / seconds;
        }

        double sentPerSecond() {
            return (ok + failed) / seconds;
        }
    }

    /**
     * Keeps {@code concurrency} requests in flight for {@code duration} (a new one starts when {@code gate} allows
     * it), then waits for the last answers. {@code onAnswer} sees every answer with the time it arrived.
     */
    Result closedLoop(String name, LongFunction<Request> requests, int concurrency, Duration duration,
            BooleanSupplier gate, BiConsumer<Answer, Long> onAnswer) throws InterruptedException {
        Run run = new Run(concurrency);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long n = 0;
        while (System.nanoTime() < end) {
            if (!gate.getAsBoolean()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                continue;
            }
            if (!run.inFlight.tryAcquire(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            run.send(requests.apply(n++), onAnswer);
        }
        double seconds = run.finish(name, start);
        return run.result(name, seconds, 0, 0);
    }

    /**
     * Sends one request every {@code 1/perSecond} seconds for {@code duration}, with at most {@code maxInFlight}
     * unanswered (beyond that, sending waits, and the lag behind the schedule is reported).
     */
    Result openLoop(String name, LongFunction<Request> requests, double perSecond, Duration duration,
            int maxInFlight, BiConsumer<Answer, Long> onAnswer) throws InterruptedException {
        Run run = new Run(maxInFlight);
        long start = System.nanoTime();
        long total = (long) Math.floor(perSecond * duration.toNanos() / 1e9);
        long maxLag = 0;
        for (long n = 0; n < total; n++) {
            long due = start + (long) (n * 1e9 / perSecond);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            run.inFlight.acquire();
            maxLag = Math.max(maxLag, System.nanoTime() - due);
            run.send(requests.apply(n), onAnswer);
        }
        // the offered duration, not the time until the last answer: the rate is what was offered
        long sentUntil = Math.max(System.nanoTime(), start + duration.toNanos());
        run.finish(name, start);
        return run.result(name, (sentUntil - start) / 1e9, perSecond, maxLag);
    }

    /** The bookkeeping of one load. */
    private final class Run {
        final int capacity;
        final Semaphore inFlight;
        final AtomicLong ok = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final Map<Integer, AtomicLong> failures = new ConcurrentHashMap<>();
        final Latencies latencies = new Latencies();

        Run(int capacity) {
            this.capacity = capacity;
            this.inFlight = new Semaphore(capacity);
        }

        void send(Request request, BiConsumer<Answer, Long> onAnswer) {
            long sent = System.nanoTime();
            HttpLoad.this.send(request).onComplete(done -> {
                long answered = System.nanoTime();
                try {
                    latencies.add(answered - sent);
                    Answer answer = done.succeeded() ? done.result() : null;
                    if (answer != null && answer.statusCode() < 300) {
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        failures.computeIfAbsent(answer == null ? -1 : answer.statusCode(), s -> new AtomicLong())
                                .incrementAndGet();
                    }
                    if (answer != null) {
                        onAnswer.accept(answer, answered);
                    }
                } finally {
                    inFlight.release();
                }
            });
        }

        /** Waits (a bounded time) for the answers still due; the seconds from start to the last answer. */
        double finish(String name, long start) throws InterruptedException {
            long wait = REQUEST_TIMEOUT.plusSeconds(15).toMillis();
            if (!inFlight.tryAcquire(capacity, wait, TimeUnit.MILLISECONDS)) {
                System.out.printf("benchmark: %s: %d requests still unanswered after %d s; going on without them%n",
                        name, capacity - inFlight.availablePermits(), wait / 1000);
            } else {
                inFlight.release(capacity);
            }
            return (System.nanoTime() - start) / 1e9;
        }

        Result result(String name, double seconds, double offered, long maxLag) {
            Map<Integer, Long> byStatus = new TreeMap<>();
            failures.forEach((status, count) -> byStatus.put(status, count.get()));
            if (!byStatus.isEmpty()) {
                System.out.println("benchmark: " + name + ": failures by status (-1: no answer) " + byStatus);
            }
            return new Result(name, ok.get(), failed.get(), byStatus, seconds, latencies, offered, maxLag);
        }
    }
}
