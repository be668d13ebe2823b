package com.podflow.files.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/** A real HTTP server on 127.0.0.1 serving files made in the test, counting the requests per path. */
public final class FileServer implements AutoCloseable {
    /** Holds the slow answers until the server closes; they are only slow, never finished in time. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> notModified = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpServer server;

    public FileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.start();
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String url(String path) {
        return base() + path;
    }

    public FileServer on(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            try (exchange) {
                handler.handle(exchange);
            }
        });
        return this;
    }

    public FileServer file(String path, byte[] body) {
        return on(path, exchange -> answer(exchange, 200, body));
    }

    public FileServer status(String path, int status) {
        return on(path, exchange -> answer(exchange, status, ("HTTP " + status).getBytes()));
    }

    public FileServer redirect(String path, String location) {
        return on(path, exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
        });
    }

    /**
     * Serves what {@code body} holds at the time of each request, with an {@code ETag} of that content, and answers
     * 304 to a request whose {@code If-None-Match} is the current ETag.
     */
    public FileServer withETag(String path, Supplier<byte[]> body) {
        return on(path, exchange -> {
            byte[] bytes = body.get();
            String etag = "\"" + sha256(bytes).substring(0, 16) + "\"";
            exchange.getResponseHeaders().add("ETag", etag);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified(exchange, path);
            } else {
                answer(exchange, 200, bytes);
            }
        });
    }

    /**
     * Serves what {@code body} holds with the {@code Last-Modified} date {@code modified} gives (no ETag), and answers
     * 304 to a request whose {@code If-Modified-Since} is that date.
     */
    public FileServer withLastModified(String path, Supplier<byte[]> body, Supplier<Instant> modified) {
        return on(path, exchange -> {
            String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.get().atZone(ZoneOffset.UTC));
            exchange.getResponseHeaders().add("Last-Modified", date);
            if (date.equals(exchange.getRequestHeaders().getFirst("If-Modified-Since"))) {
                notModified(exchange, path);
            } else {
                answer(exchange, 200, body.get());
            }
        });
    }

    private void notModified(HttpExchange exchange, String path) throws IOException {
        notModified.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        exchange.sendResponseHeaders(304, -1);
    }

    /** Headers at once, then the body never completes before the server closes. */
    public FileServer slow(String path) {
        return on(path, exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            OutputStream body = exchange.getResponseBody();
            body.write("%PDF-1.4\n".getBytes());
            body.flush();
            awaitRelease();
        });
    }

    /** No answer at all before the server closes. */
    public FileServer silent(String path) {
        return on(path, exchange -> awaitRelease());
    }

    public int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    /** How many requests of {@code path} were answered 304. */
    public int notModified(String path) {
        AtomicInteger count = notModified.get(path);
        return count == null ? 0 : count.get();
    }

    /** How many requests of {@code path} were answered with the file (or anything but a 304). */
    public int bodies(String path) {
        return hits(path) - notModified(path);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    private void awaitRelease() {
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
