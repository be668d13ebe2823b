package com.podflow.intake.service;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.events.EventJson;
import com.podflow.intake.api.NotificationForwarder;
import com.podflow.intake.client.SupportClient;
import com.podflow.intake.persistence.OrderStore;
import com.podflow.intake.persistence.RequestLog;

/**
 * Composes an order's full timeline (ADR 32): the ledger's (every event it recorded, with topic, partition, offset and
 * producer, and every dead-letter record of the order), intake's requests-log entries filed under the order, and
 * notification-service's deliveries with their attempts, merged by time, each entry with the gap since the previous
 * one. The client's version is the same for the client's own order, without the internal fields.
 */
@ApplicationScoped
public class TimelineComposer {
    private static final Logger LOG = Logger.getLogger(TimelineComposer.class);
    /** What a client does not see of an entry: where the ledger read it, who produced it, the internal reasons. */
    static final Set<String> INTERNAL = Set.of("eventId", "topic", "partition", "offset", "producer", "recordedAt",
            "consumerGroup", "reason");
    private static final int MAX_ENTRIES = 1000;

    private final SupportClient ledger;
    private final RequestLog requests;
    private final NotificationForwarder notifications;
    private final OrderStore orders;

    public TimelineComposer(SupportClient ledger, RequestLog requests, NotificationForwarder notifications,
            OrderStore orders) {
        this.ledger = ledger;
        this.requests = requests;
        this.notifications = notifications;
        this.orders = orders;
    }

    /** Operators: any client's order by id; empty when no part of the suite knows it. */
    public Uni<Optional<ObjectNode>> full(String orderId) {
        return ledger.json("/internal/v1/orders/" + segment(orderId) + "/timeline", null)
                .flatMap(found -> compose(orderId, found.orElse(null), null));
    }

    /**
     * The client's own order (by id or by its reference), without internal fields; empty for an order the client does
     * not have (another client's answers the same as none).
     */
    public Uni<Optional<ObjectNode>> forClient(String clientId, String idOrReference) {
        return orders.find(clientId, idOrReference).flatMap(stored -> {
            String orderId = stored.map(OrderStore.StoredOrder::id).orElse(idOrReference);
            return ledger.json("/internal/v1/orders/" + segment(orderId) + "/timeline", null).flatMap(found -> {
                JsonNode timeline = found.orElse(null);
                boolean theirs = timeline != null && clientId.equals(timeline.path("clientId").asText(null));
                if (!theirs && stored.isEmpty()) {
                    return Uni.createFrom().item(Optional.<ObjectNode>empty());
                }
                return compose(orderId, theirs ? timeline : null, clientId).map(composed -> composed.map(t -> {
                    t.put("clientId", clientId);
                    for (JsonNode entry : t.withArray("entries")) {
                        ((ObjectNode) entry).remove(INTERNAL);
                    }
                    return t;
                }));
            });
        });
    }

    private Uni<Optional<ObjectNode>> compose(String orderId, JsonNode fromLedger, String clientScope) {
        String clientId = clientScope != null
                ? clientScope
                : fromLedger == null ? null : fromLedger.path("clientId").asText(null);
        Uni<List<RequestLog.Entry>> logged = requests.list(new RequestLog.Query(clientScope, null, null, List.of(),
                List.of(), orderId, null, null, MAX_ENTRIES, 0));
        List<String> incomplete = new ArrayList<>();
        Uni<JsonNode> delivered = clientId == null
                ? Uni.createFrom().item(EventJson.mapper().createArrayNode())
                : notifications.forward(clientId, HttpMethod.GET, "/postbacks", "orderId="
                        + URLEncoder.encode(orderId, StandardCharsets.UTF_8) + "&limit=" + MAX_ENTRIES, null)
                        .map(TimelineComposer::body)
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("the deliveries of order %s are left out of its timeline: %s", orderId,
                                    e.toString());
                            incomplete.add("deliveries");
                            return EventJson.mapper().createArrayNode();
                        });
        return logged.flatMap(entries -> delivered.map(deliveries -> {
            if (fromLedger == null && entries.isEmpty()) {
                return Optional.<ObjectNode>empty();
            }
            List<ObjectNode> all = new ArrayList<>();
            if (fromLedger != null) {
                fromLedger.path("entries").forEach(e -> all.add(((ObjectNode) e).deepCopy()));
            }
            for (RequestLog.Entry e : entries) {
                all.add(request(e));
            }
            if (deliveries.isArray()) {
                deliveries.forEach(d -> all.add(delivery(d)));
            }
            // stable: the ledger's entries keep their recorded order among equal times
            all.sort(Comparator.comparing(e -> Instant.parse(e.path("at").asText())));
            ArrayNode array = EventJson.mapper().createArrayNode();
            Instant previous = null;
            for (ObjectNode entry : all) {
                Instant at = Instant.parse(entry.path("at").asText());
                if (previous == null) {
                    entry.remove("gapMs");
                } else {
                    entry.put("gapMs", Duration.between(previous, at).toMillis());
                }
                previous = at;
                array.add(entry);
            }
            ObjectNode timeline = EventJson.mapper().createObjectNode();
            timeline.put("orderId", orderId);
            timeline.put("clientId", clientId);
            for (String field : List.of("orderReferenceId", "status", "attempt", "statusHistory")) {
                if (fromLedger != null && fromLedger.hasNonNull(field)) {
                    timeline.set(field, fromLedger.get(field));
                }
            }
            timeline.set("entries", array);
            if (!incomplete.isEmpty()) {
                timeline.set("incomplete", EventJson.mapper().valueToTree(incomplete));
            }
            return Optional.of(timeline);
        }));
    }

    private static ObjectNode request(RequestLog.Entry e) {
        ObjectNode entry = EventJson.mapper().createObjectNode();
        entry.put("source", "request");
        entry.put("at", e.receivedAt().toString());
        entry.put("requestId", e.id());
        entry.put("method", e.method());
        entry.put("path", e.path());
        entry.put("statusCode", e.status());
        entry.put("durationMs", e.durationMs());
        return entry;
    }

    private static ObjectNode delivery(JsonNode d) {
        ObjectNode entry = EventJson.mapper().createObjectNode();
        entry.put("source", "delivery");
        entry.put("at", d.hasNonNull("attemptedAt") ? d.get("attemptedAt").asText() : d.path("createdAt").asText());
        copy(d, entry, "deliveryId", "deliveryId");
        copy(d, entry, "channel", "channel");
        copy(d, entry, "eventType", "eventType");
        copy(d, entry, "eventId", "eventId");
        copy(d, entry, "attempt", "attempt");
        copy(d, entry, "outcome", "outcome");
        copy(d, entry, "statusCode", "statusCode");
        copy(d, entry, "durationMs", "durationMs");
        copy(d, entry, "url", "url");
        copy(d, entry, "error", "error");
        return entry;
    }

    private static void copy(JsonNode from, ObjectNode to, String field, String as) {
        if (from.hasNonNull(field)) {
            to.set(as, from.get(field));
        }
    }

    /** notification-service's answer: the attempts, or a failure for anything but a 200. */
    private static JsonNode body(Response response) {
        if (response.getStatus() != 200) {
            throw new IllegalStateException("notification-service answered " + response.getStatus());
        }
        try {
            return EventJson.mapper().readTree((byte[]) response.getEntity());
        } catch (IOException e) {
            throw new IllegalStateException("notification-service answered no JSON", e);
        }
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
