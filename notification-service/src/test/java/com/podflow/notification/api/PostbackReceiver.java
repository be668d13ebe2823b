package com.podflow.notification.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 that records every request. Paths: {@code /ok/...} answers 204, {@code /fail/...}
 * 500 with body "boom", {@code /redirect/...} 302 to {@code /ok/redirected}, {@code /slow/...} answers after 6 s.
 */
final class PostbackReceiver implements AutoCloseable {
    /** One request as the receiver saw it. */
    record Request(String method, String path, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();

    private PostbackReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
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
            try {
                Thread.sleep(6_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "late");
        });
        server.start();
    }

    static PostbackReceiver start() {
        return new PostbackReceiver();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            String received = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(), received));
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
