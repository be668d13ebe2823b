package com.podflow.intake.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.podflow.events.EventEnvelope;
import com.podflow.events.EventJson;
import com.podflow.events.OrderReceived;
import com.podflow.events.Topics;
import com.podflow.events.order.Order;
import com.podflow.intake.messaging.IntakeOutboxRelay;
import com.podflow.outbox.Outbox;

/**
 * Accepts orders: the order row and its OrderReceived outbox row are written in one transaction, so an order is
 * durable before the API answers and is announced on {@code orders.intake} even if Kafka is down right now.
 */
@ApplicationScoped
public class OrderStore {
    static final String SOURCE = "/intake-api";

    private final Pool pool;
    private final IntakeOutboxRelay relay;
    private final Outbox outbox = new Outbox("intake.outbox");

    public OrderStore(Pool pool, IntakeOutboxRelay relay) {
        this.pool = pool;
        this.relay = relay;
    }

    /** An accepted order as the API reports it. */
    public record Accepted(String id, String orderReferenceId, Instant createdAt) {}

    /** An order as intake stored it, before the ledger may have seen it. */
    public record StoredOrder(String id, String clientId, String channel, Order order, Instant createdAt) {}

    public Uni<Accepted> accept(String clientId, Order order, String channel) {
        String orderId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var received = new OrderReceived(orderId, clientId, 1, channel, order, now);
        EventEnvelope envelope = EventEnvelope.wrap(received, SOURCE, clientId, 1, null);
        return pool.withTransaction(conn -> conn
                .preparedQuery("insert into intake.orders (id, client_id, order_reference_id, order_type, channel,"
                        + " payload, created_at) values ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(Arrays.asList(orderId, clientId, order.orderReferenceId(),
                        order.orderType(), channel, toJson(order), now.atOffset(ZoneOffset.UTC))))
                .flatMap(x -> outbox.append(conn, Topics.ORDERS_INTAKE, envelope)))
                .invoke(relay::wakeUp)
                .map(x -> new Accepted(orderId, order.orderReferenceId(), now));
    }

    /** The client's order with this id, or else its latest one with this reference. */
    public Uni<Optional<StoredOrder>> find(String clientId, String idOrReference) {
        return pool.preparedQuery("select id, client_id, channel, payload, created_at from intake.orders"
                + " where client_id = $1 and (id = $2 or order_reference_id = $2)"
                + " order by (id = $2) desc, created_at desc limit 1")
                .execute(Tuple.of(clientId, idOrReference))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row row = it.next();
                    OffsetDateTime created = row.getOffsetDateTime("created_at");
                    return Optional.of(new StoredOrder(row.getString("id"), row.getString("client_id"),
                            row.getString("channel"), fromJson(row.getString("payload")), created.toInstant()));
                });
    }

    private static String toJson(Order order) {
        try {
            return EventJson.mapper().writeValueAsString(order);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize order", e);
        }
    }

    private static Order fromJson(String json) {
        try {
            return EventJson.mapper().readValue(json, Order.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored order is unreadable", e);
        }
    }
}
