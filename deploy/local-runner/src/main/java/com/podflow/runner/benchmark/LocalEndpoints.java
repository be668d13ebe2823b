package com.podflow.runner.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * What the benchmark serves on loopback: the seed order's print file (file-fetcher downloads it for every order) and
 * the postback receiver, which notes when each order's status changes arrive. Two servers, so that downloads do not
 * queue behind postbacks.
 */
final class LocalEndpoints implements AutoCloseable {
    static final String POSTBACK_PATH = "/postbacks";
    static final String FILE_PATH = "/files/printfile.pdf";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer files;
    private final HttpServer receiver;
    private final ExecutorService filesPool = Executors.newFixedThreadPool(2);
    private final ExecutorService receiverPool = Executors.newFixedThreadPool(4);
    private final Map<String, OrderArrivals> orders = new ConcurrentHashMap<>();
    private final Map<String, ClientArrivals> clients = new ConcurrentHashMap<>();

    /** When the status changes of one order arrived (nanoTime) and the times they carry (the ledger's history). */
    static final class OrderArrivals {
        volatile Instant receivedAt;
        volatile Instant createdAt;
        volatile long createdArrival;
        volatile String failedCode;

        boolean done() {
            return createdArrival != 0 || failedCode != null;
        }
    }

    /** How many postbacks a client got, and when the first and the last arrived (nanoTime). */
    static final class ClientArrivals {
        final AtomicLong count = new AtomicLong();
        volatile long first;
        volatile long last;
    }

    private LocalEndpoints(byte[] printFile) throws IOException {
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        files.setExecutor(filesPool);
        files.createContext(FILE_PATH, exchange -> {
            try {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/pdf");
                exchange.sendResponseHeaders(200, printFile.length);
                exchange.getResponseBody().write(printFile);
            } finally {
                exchange.close();
            }
        });
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        receiver.setExecutor(receiverPool);
        receiver.createContext(POSTBACK_PATH, this::postback);
        files.start();
        receiver.start();
    }

    static LocalEndpoints start() {
        try {
            return new LocalEndpoints(onePagePdf());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the benchmark's file server and postback receiver", e);
        }
    }

    /** A one-page PDF of exactly A4 landscape, the size of the seed order's product. */
    static byte[] onePagePdf() {
        return ("%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
                + "2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
                + "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 841.89 595.28]>> endobj\n"
                + "trailer <</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }

    private void postback(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            long arrived = System.nanoTime();
            JsonNode json = JSON.readTree(body);
            String clientId = json.path("clientId").asText("");
            ClientArrivals client = clients.computeIfAbsent(clientId, c -> new ClientArrivals());
            if (client.count.getAndIncrement() == 0) {
                client.first = arrived;
            }
            client.last = arrived;
            String orderId = json.path("orderId").asText(null);
            if (orderId != null && !clientId.startsWith("raw-")) {
                OrderArrivals order = orders.computeIfAbsent(orderId, o -> new OrderArrivals());
                switch (json.path("fulfillmentStatus").asText("")) {
                    case "received" -> order.receivedAt = instant(json.path("occurredAt"));
                    case "created" -> {
                        order.createdAt = instant(json.path("occurredAt"));
                        order.createdArrival = arrived;
                    }
                    case "failed" -> order.failedCode = json.path("refusalReasonCode").asText("failed");
                    default -> {
                        // passed, canceled, ...: not timed
                    }
                }
            }
            exchange.sendResponseHeaders(204, -1);
        } finally {
            exchange.close();
        }
    }

    private static Instant instant(JsonNode value) {
        if (value.isNumber()) {
            // seconds with a fraction, as Jackson writes an Instant when timestamps are numeric
            return Instant.ofEpochSecond(0, value.decimalValue().movePointRight(9).longValue());
        }
        return value.isTextual() ? Instant.parse(value.asText()) : null;
    }

    String fileUrl() {
        return "http://127.0.0.1:" + files.getAddress().getPort() + FILE_PATH;
    }

    String postbackUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + POSTBACK_PATH;
    }

    /** The arrivals of one order (an empty record until its first postback). */
    OrderArrivals order(String orderId) {
        return orders.computeIfAbsent(orderId, o -> new OrderArrivals());
    }

    ClientArrivals client(String clientId) {
        return clients.computeIfAbsent(clientId, c -> new ClientArrivals());
    }

    @Override
    public void close() {
        receiver.stop(0);
        files.stop(0);
        receiverPool.shutdownNow();
        filesPool.shutdownNow();
    }
}
