package com.podflow.intake.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.podflow.events.EventJson;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The ledger's read API as intake sees it, over real HTTP: a test sets the status the ledger reports for an order
 * ({@link #report}); an unknown order is a 404, as with the real ledger; the order id {@value #FAILING} answers 500. A
 * search answers the reported orders whose reference is among the {@code orderReferenceIds} asked for (all reported
 * orders when none are).
 * Intake's end-to-end behaviour with the real ledger is covered by the suite test in deploy/local-runner.
 */
public class LedgerStub implements QuarkusTestResourceLifecycleManager {
    static final String FAILING = "ledger-fails-for-this-order";
    static final String MISSING = "no-such-rebuild";
    private static final Map<String, String> STATUSES = new ConcurrentHashMap<>();
    private static final Map<String, String> REFERENCES = new ConcurrentHashMap<>();
    private HttpServer server;

    /** From now on the ledger reports {@code status} for {@code orderId}. */
    static void report(String orderId, String status) {
        STATUSES.put(orderId, status);
    }

    /** From now on the ledger knows {@code orderId} by its reference too, with {@code status}. */
    static void report(String orderId, String orderReferenceId, String status) {
        REFERENCES.put(orderId, orderReferenceId);
        report(orderId, status);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/v1/clients/", this::answer);
        server.createContext("/internal/v1/orders/stalled", LedgerStub::stalled);
        server.createContext("/internal/v1/support/orders/", LedgerStub::support);
        for (String support : List.of("/internal/v1/orders/", "/internal/v1/rebuilds", "/internal/v1/what-if",
                "/internal/v1/replays", "/internal/v1/analytics")) {
            server.createContext(support, this::echo);
        }
        server.start();
        return Map.of("quarkus.rest-client.ledger.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        // /internal/v1/clients/{clientId}/orders/{idOrReference}, or .../orders/search
        String[] parts = exchange.getRequestURI().getPath().split("/");
        String order = parts[parts.length - 1];
        if (order.equals("search") && exchange.getRequestMethod().equals("POST")) {
            search(exchange);
            return;
        }
        String status = STATUSES.get(order);
        int code = order.equals(FAILING) ? 500 : status == null ? 404 : 200;
        byte[] body = (code == 200
                ? "{\"id\":\"" + order + "\",\"fulfillmentStatus\":\"" + status + "\"}"
                : "{\"code\":" + code + ",\"message\":\"stub\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void search(HttpExchange exchange) throws IOException {
        JsonNode query = EventJson.mapper().readTree(exchange.getRequestBody());
        List<String> wanted = new ArrayList<>();
        query.path("orderReferenceIds").forEach(reference -> wanted.add(reference.asText()));
        ArrayNode orders = EventJson.mapper().createArrayNode();
        STATUSES.forEach((id, status) -> {
            String reference = REFERENCES.getOrDefault(id, id);
            if (wanted.isEmpty() || wanted.contains(reference)) {
                orders.addObject().put("id", id).put("orderReferenceId", reference).put("fulfillmentStatus", status);
            }
        });
        byte[] body = EventJson.mapper().writeValueAsBytes(EventJson.mapper().createObjectNode().set("orders",
                orders));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static final Map<String, String> WAITING = new ConcurrentHashMap<>();

    /**
     * From now on the ledger's support API reports {@code orderId} at attempt 1 in {@code status}, waiting for the
     * given validators (none: waiting for its facility's receipt when created, else for nothing).
     */
    static void waiting(String orderId, String status, String... validators) {
        StringBuilder inputs = new StringBuilder();
        for (String validator : validators) {
            inputs.append(inputs.length() == 0 ? "" : ",").append("{\"input\":\"validator\",\"source\":\"")
                    .append(validator).append("\",\"attempt\":1}");
        }
        if (validators.length == 0 && status.equals("created")) {
            inputs.append("{\"input\":\"facility_receipt\",\"source\":\"f-1\",\"attempt\":1}");
        }
        WAITING.put(orderId, "{\"id\":\"" + orderId + "\",\"fulfillmentStatus\":\"" + status
                + "\",\"attempt\":1,\"waitingFor\":[" + inputs + "]}");
    }

    /** .../support/orders/{id}/waiting-for and .../support/orders/{id}/redrive/production, from {@link #waiting}. */
    private static void support(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        String orderId = parts[5];
        String waiting = WAITING.get(orderId);
        int code;
        String body;
        if (waiting == null) {
            code = 404;
            body = "{\"code\":404,\"message\":\"stub\"}";
        } else if (exchange.getRequestURI().getPath().endsWith("/redrive/production")) {
            boolean awaited = waiting.contains("facility_receipt");
            code = awaited ? 202 : 409;
            body = awaited
                    ? "{\"orderId\":\"" + orderId + "\",\"attempt\":1,\"eventId\":\"redriven-" + orderId + "\"}"
                    : "{\"code\":409,\"message\":\"Order " + orderId + " does not wait for a facility's receipt\"}";
        } else {
            code = 200;
            body = waiting;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** The ledger's stalled orders: one order waiting for validator files, echoing limit and offset in its id. */
    private static void stalled(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        byte[] body = ("{\"orders\":[{\"id\":\"stalled-" + query + "\",\"clientId\":\"c-1\","
                + "\"fulfillmentStatus\":\"received\",\"attempt\":1,\"since\":\"2026-11-23T10:00:00Z\","
                + "\"stalledAt\":\"2026-11-23T10:10:30Z\",\"handoverOverdue\":false,\"waitingFor\":[{\"input\":"
                + "\"validator\",\"source\":\"files\",\"attempt\":1,\"detail\":\"validator files for attempt 1:"
                + " none for 10 min\",\"since\":\"2026-11-23T10:00:00Z\",\"waitingSeconds\":630}]}]}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** What intake forwarded to the ledger's support API: method, raw path, raw query, body (null when empty). */
    record Forwarded(String method, String path, String query, JsonNode body) {}

    private static volatile Forwarded lastForwarded;

    /** The last call intake forwarded to the ledger's support API. */
    static Forwarded lastForwarded() {
        return lastForwarded;
    }

    /**
     * The ledger's support API (rebuilds, what-if, replays, time travel, analytics): records what intake forwarded
     * ({@link #lastForwarded}) and answers an empty body of the documented shape (every answer in intake's tests is
     * checked against the OpenAPI document); a path with {@value #MISSING} answers the ledger's 404. The real endpoints
     * are tested in order-ledger (ReplayTest, OrderAnalyticsTest); intake's tests check the forwarding.
     */
    private void echo(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        boolean missing = path.contains(MISSING);
        byte[] sent = exchange.getRequestBody().readAllBytes();
        lastForwarded = new Forwarded(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                sent.length == 0 ? null : EventJson.mapper().readTree(sent));
        String answer = missing
                ? "{\"code\":404,\"message\":\"Rebuild '" + MISSING + "' not found\"}"
                : path.endsWith("/states") ? "[]" : "{}";
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(missing ? 404 : 200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
