package com.podflow.notification.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 that records every request. Paths: {@code /ok/...} answers 204, {@code /fail/...}
 * 500 with body "boom", {@code /redirect/...} 302 to {@code /ok/redirected}, {@code /slow/...} answers after 6 s,
 * {@code /dyn/...} answers what the test set with {@link #answer(String, int)} (204 until then).
 */
public final class PostbackReceiver implements AutoCloseable {
    /** One request as the receiver saw it, and the status it was answered with. */
    public record Request(String method, String path, Headers headers, String body, int answeredWith) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();
    private final Map<String, String> retryAfter = new ConcurrentHashMap<>();
    private final AtomicInteger slowInProgress = new AtomicInteger();

    private PostbackReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/ok/", exchange -> answer(exchange, 204, ""));
        server.createContext("/fail/", exchange -> answer(exchange, 500, "boom"));
        server.createContext("/redirect/", exchange -> {
            exchange.getResponseHeaders().add("Location", url("/ok/redirected"));
            answer(exchange, 302, "");
        });
        server.createContext("/slow/", exchange -> {
            slowInProgress.incrementAndGet();
            try {
                Thread.sleep(6_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                slowInProgress.decrementAndGet();
            }
            answer(exchange, 200, "late");
        });
        server.createContext("/dyn/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String after = retryAfter.get(path);
            if (after != null) {
                exchange.getResponseHeaders().add("Retry-After", after);
            }
            answer(exchange, answers.getOrDefault(path, 204), "");
        });
        server.start();
    }

    public static PostbackReceiver start() {
        return new PostbackReceiver();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Requests to {@code path} answered 2xx. */
    public List<Request> accepted(String path) {
        return requests(path).stream().filter(r -> r.answeredWith() >= 200 && r.answeredWith() < 300).toList();
    }

    /** From now on, {@code /dyn/...} path {@code path} answers {@code status}. */
    public void answer(String path, int status) {
        answers.put(path, status);
    }

    public void retryAfter(String path, String value) {
        retryAfter.put(path, value);
    }

    /** Requests to {@code /slow/...} being answered right now. */
    public int slowInProgress() {
        return slowInProgress.get();
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            String received = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(), received, status));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
