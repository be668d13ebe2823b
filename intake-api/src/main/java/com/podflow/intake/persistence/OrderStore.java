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
import com.podflow.events.CancelRequested;
import com.podflow.events.DraftSaved;
import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.EventJson;
import com.podflow.events.OrderEvent;
import com.podflow.events.OrderReceived;
import com.podflow.events.ShipmentUpdateRequested;
import com.podflow.events.Topics;
import com.podflow.events.order.Order;
import com.podflow.events.order.ShippingAddress;
import com.podflow.intake.domain.DuplicateOrderException;
import com.podflow.outbox.OutboxService;

/**
 * Accepts orders and the commands on them. Each write and its event's outbox row are one transaction, so an order is
 * durable before the API answers and is announced on {@code orders.intake} even if Kafka is down right now.
 */
@ApplicationScoped
public class OrderStore {
    static final String SOURCE = "/intake-api";
    static final String DRAFT = "draft";

    private final Pool pool;
    private final OutboxService outbox;
    private final String acceptSql;

    public OrderStore(Pool pool, OutboxService outbox) {
        this.pool = pool;
        this.outbox = outbox;
        // data-modifying CTEs run once each and see each other only through "returning": "go" decides by the claim
        this.acceptSql = "with claim as (insert into intake.order_references (client_id, order_reference_id, order_id)"
                + " select $2::text, $3::text, $1::text where $3::text is not null on conflict do nothing"
                + " returning order_id),"
                + " go as (select not $8::boolean or $3::text is null or exists (select 1 from claim) as accepted),"
                + " stored as (insert into intake.orders (id, client_id, order_reference_id, order_type, channel,"
                + " payload, created_at, updated_at, attempt) select $1::text, $2::text, $3::text, $4::text, $5::text,"
                + " $6::text, $7::timestamptz, $7::timestamptz, 1 from go where accepted),"
                + " announced as (insert into " + outbox.table() + " (topic, record_key, event_id, payload)"
                + " select $9::text, $10::text, $11::text, $12::text from go where accepted)"
                + " select accepted, case when accepted then null else (select order_id from intake.order_references"
                + " where client_id = $2::text and order_reference_id = $3::text) end as existing from go";
    }

    /** An accepted order as the API reports it. */
    public record Accepted(String id, String orderReferenceId, Instant createdAt) {}

    /** An order as intake stored it (and last sent it), before the ledger may have seen it. */
    public record StoredOrder(String id, String clientId, String channel, Order order, int attempt,
            Instant createdAt, Instant updatedAt) {

        public boolean stillDraft() {
            return DRAFT.equals(order.orderType());
        }
    }

    /**
     * Stores a new order (or draft) and announces it: {@code OrderReceived} for attempt 1, or {@code DraftSaved}. The
     * first order with a reference claims it; with {@code preventDuplicate} a second one is refused with the first
     * one's id, also when both arrive at the same moment (the claim's primary key decides). {@code orderJson} is the
     * order as stored (the caller serialized it already).
     * <p>
     * One statement, so one round trip and its own transaction: the claim of the reference, then the order and its
     * outbox row only if the claim succeeded or duplicates are allowed. Either all three rows are written or none.
     */
    public Uni<Accepted> accept(String clientId, Order order, String orderJson, String channel) {
        String orderId = UUID.randomUUID().toString();
        Instant now = now();
        boolean draft = DRAFT.equals(order.orderType());
        OrderEvent event = draft
                ? new DraftSaved(orderId, clientId, channel, order, now)
                : new OrderReceived(orderId, clientId, 1, channel, order, now);
        EventEnvelope envelope = EventEnvelope.wrap(event, SOURCE, clientId, draft ? null : 1, null);
        boolean preventDuplicate = Boolean.TRUE.equals(order.preventDuplicate());
        return pool.preparedQuery(acceptSql)
                .execute(Tuple.from(Arrays.asList(orderId, clientId, order.orderReferenceId(), order.orderType(),
                        channel, orderJson, now.atOffset(ZoneOffset.UTC), preventDuplicate, Topics.ORDERS_INTAKE,
                        envelope.key(), envelope.id(), EventCodec.encode(envelope))))
                .flatMap(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getBoolean("accepted")) {
                        outbox.wakeUp();
                        return Uni.createFrom().item(new Accepted(orderId, order.orderReferenceId(), now));
                    }
                    String existing = row.getString("existing");
                    return (existing != null
                            ? Uni.createFrom().item(existing)
                            : existingOrder(clientId, order.orderReferenceId()))
                            .flatMap(id -> Uni.createFrom().failure(
                                    new DuplicateOrderException(order.orderReferenceId(), id)));
                });
    }

    /**
     * The claim's owner, read after the statement: when the claim lost to an order committed while the statement ran,
     * the statement's own snapshot could not see it.
     */
    private Uni<String> existingOrder(String clientId, String orderReferenceId) {
        return pool.preparedQuery("select order_id from intake.order_references"
                + " where client_id = $1 and order_reference_id = $2")
                .execute(Tuple.of(clientId, orderReferenceId))
                .map(rows -> rows.iterator().next().getString("order_id"));
    }

    /**
     * Replaces a draft: still a draft announces {@code DraftSaved}; {@code orderType: order} places it with
     * {@code OrderReceived} attempt 1. The caller checked that the stored order is a draft; the update is conditional
     * on that, so a draft placed twice at once is placed once (the second gets an empty answer).
     */
    public Uni<Optional<StoredOrder>> replaceDraft(StoredOrder stored, Order order) {
        Instant now = now();
        boolean draft = DRAFT.equals(order.orderType());
        OrderEvent event = draft
                ? new DraftSaved(stored.id(), stored.clientId(), stored.channel(), order, now)
                : new OrderReceived(stored.id(), stored.clientId(), 1, stored.channel(), order, now);
        EventEnvelope envelope = EventEnvelope.wrap(event, SOURCE, stored.clientId(), draft ? null : 1, null);
        return pool.withTransaction(conn -> conn
                .preparedQuery("update intake.orders set payload = $3, order_type = $4, updated_at = $5"
                        + " where client_id = $1 and id = $2 and order_type = 'draft'")
                .execute(Tuple.from(Arrays.asList(stored.clientId(), stored.id(), toJson(order), order.orderType(),
                        now.atOffset(ZoneOffset.UTC))))
                .flatMap(updated -> updated.rowCount() == 0
                        ? Uni.createFrom().item(Optional.<StoredOrder>empty())
                        : outbox.append(conn, Topics.ORDERS_INTAKE, envelope).map(x -> Optional.of(
                                new StoredOrder(stored.id(), stored.clientId(), stored.channel(), order, 1,
                                        stored.createdAt(), now)))))
                .invoke(outbox::wakeUp);
    }

    /** Announces a cancel request; the ledger decides whether it still applies. */
    public Uni<Void> requestCancel(StoredOrder stored) {
        var event = new CancelRequested(stored.id(), stored.clientId(), now());
        return pool.withTransaction(conn -> outbox.append(conn, Topics.ORDERS_INTAKE,
                EventEnvelope.wrap(event, SOURCE, stored.clientId(), null, null)))
                .invoke(outbox::wakeUp)
                .replaceWithVoid();
    }

    /**
     * Announces a shipment update and applies it to intake's copy of the order, so that a reprocess after it sends
     * the order as it is now. Returns the updated order.
     */
    public Uni<Order> requestShipmentUpdate(StoredOrder stored, String shipmentMethodUid, ShippingAddress address) {
        Instant now = now();
        Order updated = stored.order().withShipment(shipmentMethodUid, address);
        var event = new ShipmentUpdateRequested(stored.id(), stored.clientId(), shipmentMethodUid, address, now);
        return pool.withTransaction(conn -> conn
                .preparedQuery(
                        "update intake.orders set payload = $3, updated_at = $4 where client_id = $1 and id = $2")
                .execute(Tuple.of(stored.clientId(), stored.id(), toJson(updated), now.atOffset(ZoneOffset.UTC)))
                .flatMap(x -> outbox.append(conn, Topics.ORDERS_INTAKE,
                        EventEnvelope.wrap(event, SOURCE, stored.clientId(), null, null))))
                .invoke(outbox::wakeUp)
                .replaceWith(updated);
    }

    /**
     * Starts the next validation attempt of a failed order with the order as it is now: {@code OrderReceived} with
     * attempt n+1. Returns the new attempt number.
     */
    public Uni<Integer> reprocess(StoredOrder stored) {
        Instant now = now();
        return pool.withTransaction(conn -> conn
                .preparedQuery("update intake.orders set attempt = attempt + 1, updated_at = $3"
                        + " where client_id = $1 and id = $2 returning attempt")
                .execute(Tuple.of(stored.clientId(), stored.id(), now.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getInteger("attempt"))
                .flatMap(attempt -> {
                    var event = new OrderReceived(stored.id(), stored.clientId(), attempt, stored.channel(),
                            stored.order(), now);
                    return outbox.append(conn, Topics.ORDERS_INTAKE,
                            EventEnvelope.wrap(event, SOURCE, stored.clientId(), attempt, null))
                            .replaceWith(attempt);
                }))
                .invoke(outbox::wakeUp);
    }

    /** The client's order with this id, or else its latest one with this reference. */
    public Uni<Optional<StoredOrder>> find(String clientId, String idOrReference) {
        return pool.preparedQuery("select id, client_id, channel, payload, attempt, created_at, updated_at"
                + " from intake.orders where client_id = $1 and (id = $2 or order_reference_id = $2)"
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
                            row.getString("channel"), fromJson(row.getString("payload")), row.getInteger("attempt"),
                            created.toInstant(), row.getOffsetDateTime("updated_at").toInstant()));
                });
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
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
