package com.podflow.intake.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.events.EventJson;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The ledger's support API ({@code /internal/v1/orders}, {@code /internal/v1/dead-letters}) and notification-service's
 * postbacks log as intake sees them, over real HTTP, with what a test put in: an order answers by id (by reference with
 * its client), a timeline by order id, the postbacks log by client and order; dead-letter calls answer a fixed record
 * and every call is recorded ({@link #calls}). The real ledger's side is covered by order-ledger's SupportApiTest.
 */
public class SupportStub implements QuarkusTestResourceLifecycleManager {
    /** A call as the stub received it: method, path, raw query, body. */
    record Call(String method, String path, String query, String body) {}

    static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    private static final Map<String, ObjectNode> ORDERS = new ConcurrentHashMap<>();
    private static final Map<String, ObjectNode> TIMELINES = new ConcurrentHashMap<>();
    private static final Map<String, ArrayNode> DELIVERIES = new ConcurrentHashMap<>();
    private HttpServer server;

    /** The ledger knows {@code orderId} of {@code clientId} with this reference. */
    static void order(String orderId, String clientId, String reference) {
        ObjectNode order = EventJson.mapper().createObjectNode().put("id", orderId).put("clientId", clientId)
                .put("orderReferenceId", reference).put("fulfillmentStatus", "received");
        ORDERS.put(orderId, order);
    }

    /** The ledger's timeline of an order. */
    static void timeline(String orderId, ObjectNode timeline) {
        TIMELINES.put(orderId, timeline);
    }

    /** notification-service's postbacks log of one client's order. */
    static void deliveries(String clientId, String orderId, ArrayNode attempts) {
        DELIVERIES.put(clientId + "/" + orderId, attempts);
    }

    static List<Call> calls(String pathPrefix) {
        return CALLS.stream().filter(c -> c.path().startsWith(pathPrefix)).toList();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/v1/", this::answer);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.ledger-support.url", url, "intake.notification-url", url);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        CALLS.add(new Call(method, path, query, body));
        Map<String, String> params = new ConcurrentHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        String[] parts = path.split("/");
        // /internal/v1/clients/{clientId}/postbacks (notification-service)
        if (path.startsWith("/internal/v1/clients/") && path.endsWith("/postbacks")) {
            ArrayNode attempts = DELIVERIES.get(parts[4] + "/" + params.get("orderId"));
            send(exchange, 200, attempts == null ? EventJson.mapper().createArrayNode() : attempts);
        } else if (path.equals("/internal/v1/orders/search")) {
            ArrayNode orders = EventJson.mapper().createArrayNode();
            JsonNode wanted = EventJson.mapper().readTree(body).path("orderReferenceIds");
            ORDERS.values().forEach(o -> {
                boolean client = !params.containsKey("clientId")
                        || params.get("clientId").equals(o.path("clientId").asText());
                boolean reference = wanted.isEmpty() || wanted.toString().contains(
                        "\"" + o.path("orderReferenceId").asText() + "\"");
                if (client && reference) {
                    orders.add(o);
                }
            });
            send(exchange, 200, EventJson.mapper().createObjectNode().set("orders", orders));
        } else if (path.startsWith("/internal/v1/orders/") && path.endsWith("/timeline")) {
            ObjectNode timeline = TIMELINES.get(parts[4]);
            send(exchange, timeline == null ? 404 : 200, timeline == null ? error(404) : timeline);
        } else if (path.startsWith("/internal/v1/orders/") && parts.length == 5) {
            ObjectNode found = ORDERS.get(parts[4]);
            if (found == null && params.containsKey("clientId")) {
                found = ORDERS.values().stream().filter(o -> o.path("clientId").asText()
                        .equals(params.get("clientId")) && o.path("orderReferenceId").asText().equals(parts[4]))
                        .findFirst().orElse(null);
            }
            send(exchange, found == null ? 404 : 200, found == null ? error(404) : found);
        } else if (path.equals("/internal/v1/dead-letters/replay")) {
            if (!params.containsKey("orderId")) {
                send(exchange, 400, error(400));
            } else {
                send(exchange, 200, EventJson.mapper().createObjectNode().put("orderId", params.get("orderId"))
                        .put("replayed", 1).set("deadLetters", EventJson.mapper().createArrayNode()
                                .add(deadLetter(7, "replayed"))));
            }
        } else if (path.equals("/internal/v1/dead-letters")) {
            send(exchange, 200, EventJson.mapper().createObjectNode().set("deadLetters",
                    EventJson.mapper().createArrayNode().add(deadLetter(7, "parked"))));
        } else if (path.startsWith("/internal/v1/dead-letters/")) {
            String status = path.endsWith("/replay") ? "replayed" : path.endsWith("/resolve") ? "resolved" : "parked";
            send(exchange, parts[4].equals("7") ? 200 : 404, parts[4].equals("7")
                    ? deadLetter(7, status)
                    : error(404));
        } else {
            send(exchange, 404, error(404));
        }
    }

    static ObjectNode deadLetter(long id, String status) {
        ObjectNode d = EventJson.mapper().createObjectNode().put("id", id).put("dlqTopic", "orders.validation.dlq")
                .put("dlqPartition", 0).put("dlqOffset", 3).put("sourceTopic", "orders.validation")
                .put("sourcePartition", 1).put("sourceOffset", 42).put("consumerGroup", "order-ledger.validation")
                .put("orderId", "o-1").put("reason", "not an event").put("payload", "{}")
                .put("receivedAt", "2026-12-02T10:00:00Z").put("status", status).put("replayCount", 0);
        d.set("headers", EventJson.mapper().createArrayNode().add(EventJson.mapper().createObjectNode()
                .put("name", "dead-letter-group").put("value", "order-ledger.validation")));
        return d;
    }

    private static ObjectNode error(int code) {
        return EventJson.mapper().createObjectNode().put("code", code).put("message", "stub: " + code);
    }

    private static void send(HttpExchange exchange, int code, JsonNode json) throws IOException {
        byte[] bytes = EventJson.mapper().writeValueAsBytes(json);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
