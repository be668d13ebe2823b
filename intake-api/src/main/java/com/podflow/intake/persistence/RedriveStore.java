package com.podflow.intake.persistence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.podflow.events.EventEnvelope;
import com.podflow.events.EventJson;
import com.podflow.events.OrderReceived;
import com.podflow.events.Redrives;
import com.podflow.events.Topics;
import com.podflow.events.order.Order;
import com.podflow.outbox.OutboxService;

/**
 * Re-drive of a validator (issue 11 item 5, ADR 0029): intake owns {@code orders.intake}, so it re-publishes the
 * current attempt's {@code OrderReceived} through its outbox, addressed to one validator, under an id derived from
 * order, attempt and validator (every re-drive of the same step has the same id).
 */
@ApplicationScoped
public class RedriveStore {
    private final Pool pool;
    private final OutboxService outbox;

    public RedriveStore(Pool pool, OutboxService outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    /** The order with this id, of any client (operators). */
    public Uni<Optional<OrderStore.StoredOrder>> find(String orderId) {
        return pool.preparedQuery("select id, client_id, channel, payload, attempt, created_at, updated_at"
                + " from intake.orders where id = $1")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row row = it.next();
                    return Optional.of(new OrderStore.StoredOrder(row.getString("id"), row.getString("client_id"),
                            row.getString("channel"), order(row.getString("payload")), row.getInteger("attempt"),
                            row.getOffsetDateTime("created_at").toInstant(),
                            row.getOffsetDateTime("updated_at").toInstant()));
                });
    }

    /** Queues the re-drive of {@code validator} for the stored order's current attempt; answers the event sent. */
    public Uni<EventEnvelope> redriveValidator(OrderStore.StoredOrder stored, String validator) {
        var event = new OrderReceived(stored.id(), stored.clientId(), stored.attempt(), stored.channel(),
                stored.order(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        EventEnvelope envelope = EventEnvelope.withId(Redrives.eventId(stored.id(), stored.attempt(), validator),
                event, Redrives.source(validator), stored.clientId(), stored.attempt(), null);
        return pool.withTransaction(conn -> outbox.append(conn, Topics.ORDERS_INTAKE, envelope))
                .invoke(outbox::wakeUp)
                .replaceWith(envelope);
    }

    private static Order order(String json) {
        try {
            return EventJson.mapper().readValue(json, Order.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored order is unreadable", e);
        }
    }
}
