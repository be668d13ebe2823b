package com.podflow.ledger.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.Topics;
import com.podflow.ledger.domain.OrderFold;
import com.podflow.ledger.domain.OrderState;
import com.podflow.outbox.Outbox;

/**
 * Loads, folds and saves: applies one event to its order in one transaction, which records the event (once, by id),
 * stores the new projection and queues the resulting status changes in the outbox.
 */
@ApplicationScoped
public class LedgerRepository {
    static final String SOURCE = "/order-ledger";

    private final Pool pool;
    private final Outbox outbox = new Outbox("ledger.outbox");

    public LedgerRepository(Pool pool) {
        this.pool = pool;
    }

    /** What applying an event did: nothing (a repeat), or the status changes now waiting in the outbox. */
    public record Applied(boolean duplicate, List<OrderStatusChanged> changes) {}

    public Uni<Applied> apply(EventEnvelope envelope, String topic, OrderFold fold) {
        String orderId = envelope.subject();
        return pool.withTransaction(conn -> conn
                .preparedQuery("insert into ledger.event_log (event_id, order_id, type, topic, occurred_at, payload)"
                        + " values ($1, $2, $3, $4, $5, $6) on conflict (event_id) do nothing")
                .execute(Tuple.of(envelope.id(), orderId, envelope.type().wireName(), topic,
                        utc(envelope.data().occurredAt()), EventCodec.encode(envelope)))
                .flatMap(inserted -> inserted.rowCount() == 0
                        ? Uni.createFrom().item(new Applied(true, List.of()))
                        : fold(conn, envelope, fold)));
    }

    private Uni<Applied> fold(SqlConnection conn, EventEnvelope envelope, OrderFold fold) {
        String orderId = envelope.subject();
        // create the row if this is the order's first event, then lock it: events of one order arrive on two
        // topics and are folded one at a time
        return conn.preparedQuery("insert into ledger.orders (order_id, state) values ($1, $2::text::jsonb)"
                + " on conflict (order_id) do nothing")
                .execute(Tuple.of(orderId, toJson(OrderState.empty(orderId))))
                .flatMap(x -> conn.preparedQuery("select state::text from ledger.orders where order_id = $1 for update")
                        .execute(Tuple.of(orderId)))
                .flatMap(rows -> {
                    OrderState state = fromJson(rows.iterator().next().getString(0));
                    OrderFold.Result result = fold.evolve(state, envelope.data());
                    OrderState next = result.state();
                    List<EventEnvelope> out = result.changes().stream()
                            .map(change -> EventEnvelope.withId(
                                    EventEnvelope.derivedId(envelope.id(), "status-" + change.sequence()), change,
                                    SOURCE, change.clientId(), change.attempt(), envelope.id()))
                            .toList();
                    return conn.preparedQuery("update ledger.orders set client_id = $2, order_reference_id = $3,"
                            + " status = $4, refusal_reason_code = $5, received_at = $6, updated_at = $7,"
                            + " state = $8::text::jsonb, country = $9 where order_id = $1")
                            .execute(Tuple.from(Arrays.asList(orderId, next.clientId(), next.orderReferenceId(),
                                    next.status() == null ? null : next.status().wireName(),
                                    next.refusalReasonCode(), utcOrNull(next.receivedAt()),
                                    utcOrNull(next.updatedAt()), toJson(next), country(next))))
                            .flatMap(updated -> outbox.appendAll(conn, Topics.ORDERS_STATUS, out))
                            .map(x -> new Applied(false, result.changes()));
                });
    }

    /** The order with this id, or else the latest one with this reference, of one client. */
    public Uni<Optional<OrderState>> find(String clientId, String idOrReference) {
        return pool.preparedQuery("select state::text from ledger.orders where client_id = $1"
                + " and (order_id = $2 or order_reference_id = $2) and status is not null"
                + " order by (order_id = $2) desc, received_at desc limit 1")
                .execute(Tuple.of(clientId, idOrReference))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? Optional.of(fromJson(it.next().getString(0))) : Optional.empty();
                });
    }

    /** The filters of a search; null or empty means "any". */
    public record SearchQuery(List<String> statuses, List<String> references, Instant startDate, Instant endDate,
            List<String> countries, int limit, int offset) {}

    /**
     * A client's orders matching the filters, newest first (ties by id, so pages are stable), at most
     * {@code limit} from {@code offset}. Uses the indexes of V2__search.sql.
     */
    public Uni<List<OrderState>> search(String clientId, SearchQuery query) {
        StringBuilder sql = new StringBuilder("select state::text from ledger.orders where client_id = $1"
                + " and status is not null");
        List<Object> params = new ArrayList<>();
        params.add(clientId);
        if (query.statuses() != null && !query.statuses().isEmpty()) {
            params.add(query.statuses().toArray(String[]::new));
            sql.append(" and status = any($").append(params.size()).append(")");
        }
        if (query.references() != null && !query.references().isEmpty()) {
            params.add(query.references().toArray(String[]::new));
            sql.append(" and order_reference_id = any($").append(params.size()).append(")");
        }
        if (query.startDate() != null) {
            params.add(utc(query.startDate()));
            sql.append(" and received_at >= $").append(params.size());
        }
        if (query.endDate() != null) {
            params.add(utc(query.endDate()));
            sql.append(" and received_at < $").append(params.size());
        }
        if (query.countries() != null && !query.countries().isEmpty()) {
            params.add(query.countries().toArray(String[]::new));
            sql.append(" and country = any($").append(params.size()).append(")");
        }
        params.add(query.limit());
        sql.append(" order by received_at desc, order_id desc limit $").append(params.size());
        params.add(query.offset());
        sql.append(" offset $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
            List<OrderState> found = new ArrayList<>();
            for (Row row : rows) {
                found.add(fromJson(row.getString(0)));
            }
            return found;
        });
    }

    private static String country(OrderState state) {
        return state.order() == null || state.order().shippingAddress() == null
                ? null
                : state.order().shippingAddress().country();
    }

    /** Every event recorded for an order, oldest first. */
    public Uni<List<String>> eventTypes(String orderId) {
        return pool.preparedQuery("select type from ledger.event_log where order_id = $1 order by recorded_at")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    var types = new ArrayList<String>();
                    for (Row row : rows) {
                        types.add(row.getString(0));
                    }
                    return types;
                });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static OffsetDateTime utcOrNull(Instant instant) {
        return instant == null ? null : utc(instant);
    }

    private static String toJson(OrderState state) {
        try {
            return StateJson.MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize state of " + state.orderId(), e);
        }
    }

    private static OrderState fromJson(String json) {
        try {
            return StateJson.MAPPER.readValue(json, OrderState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored order state is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
