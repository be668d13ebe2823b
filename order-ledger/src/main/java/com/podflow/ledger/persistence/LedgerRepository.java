package com.podflow.ledger.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Metrics;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.HandoverOverdue;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.Topics;
import com.podflow.ledger.domain.OrderFold;
import com.podflow.ledger.domain.OrderState;
import com.podflow.outbox.OutboxService;
import com.podflow.support.messaging.BatchConsumer.Received;
import com.podflow.support.messaging.BatchConsumer.Rejected;

/**
 * Loads, folds and saves: applies a batch of events to their orders in one transaction, which records each event
 * (once, by id), stores the new projections and queues the resulting status changes in the outbox.
 */
@ApplicationScoped
public class LedgerRepository {
    static final String SOURCE = "/order-ledger";
    /** The event log's "topic" of the ledger's own timer events. */
    static final String HANDOVER_TIMER = "ledger.handover-timer";
    /** The advisory lock that keeps the handover check to one replica at a time. */
    static final long HANDOVER_LOCK = 0x6c65646765720001L;

    private final Pool pool;
    private final OutboxService outbox;

    public LedgerRepository(Pool pool, OutboxService outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    /** What applying a batch did: the records the fold refused, and how many events (status changes, production messages) wait in the outbox. */
    public record Applied(List<Rejected> rejected, int changes) {}

    /**
     * Applies a batch of events (in the given order, which keeps each partition's order) in one transaction: locks
     * the orders they touch (in id order, so the two consuming channels never deadlock each other), skips events
     * already in the event log, folds the rest, then writes the new event-log rows, the changed projections and the
     * outbox rows with one statement each. An event the fold refuses (or an order whose stored state cannot be read)
     * is answered as rejected and leaves no trace; the rest of the batch commits.
     */
    public Uni<Applied> apply(List<Received> records, String topic, OrderFold fold) {
        return pool.withTransaction(conn -> applyIn(conn, records, topic, fold));
    }

    Uni<Applied> applyIn(SqlConnection conn, List<Received> records, String topic, OrderFold fold) {
        List<String> orderIds = records.stream().map(Received::key).distinct().sorted().toList();
        return conn
                // create the rows of orders seen for the first time, then lock every row the batch touches
                .preparedQuery("insert into ledger.orders (order_id, state)"
                        + " select id, state::jsonb from unnest($1::text[], $2::text[]) as t(id, state)"
                        + " order by id on conflict (order_id) do nothing")
                .execute(Tuple.of(orderIds.toArray(String[]::new),
                        orderIds.stream().map(id -> toJson(OrderState.empty(id))).toArray(String[]::new)))
                .flatMap(x -> conn.preparedQuery("select order_id, state::text from ledger.orders"
                        + " where order_id = any($1) order by order_id for update")
                        .execute(Tuple.of(orderIds.toArray(String[]::new))))
                .flatMap(locked -> conn.preparedQuery("select event_id from ledger.event_log where event_id = any($1)")
                        .execute(Tuple.of(records.stream().map(r -> r.envelope().id()).toArray(String[]::new)))
                        .map(seen -> fold(records, locked, seen, fold)))
                .flatMap(folded -> write(conn, folded, topic));
    }

    /**
     * Flags the created orders whose facility has not confirmed receipt since before {@code cutoff}: folds a
     * {@link HandoverOverdue} into each (at most {@code limit}), in one transaction. Runs in one replica at a time (a
     * transaction-scoped advisory lock; the others skip this round) and is idempotent (the event id is derived from
     * the order and its attempt, and the fold flags an order once). Answers how many orders were flagged.
     */
    public Uni<Integer> flagOverdueHandovers(Instant cutoff, Instant now, long timeoutSeconds, int limit,
            OrderFold fold) {
        return pool.withTransaction(conn -> conn.preparedQuery("select pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(HANDOVER_LOCK))
                .flatMap(lock -> {
                    if (!lock.iterator().next().getBoolean(0)) {
                        return Uni.createFrom().item(0); // another replica is checking
                    }
                    return conn.preparedQuery("select order_id, client_id, handover_since,"
                            + " (state ->> 'attempt')::int from ledger.orders where handover_since < $1"
                            + " order by handover_since limit $2")
                            .execute(Tuple.of(utc(cutoff), limit))
                            .flatMap(rows -> {
                                List<Received> due = new ArrayList<>();
                                for (Row row : rows) {
                                    String orderId = row.getString(0);
                                    int attempt = row.getInteger(3) == null ? 0 : row.getInteger(3);
                                    var event = new HandoverOverdue(orderId,
                                            row.getOffsetDateTime(2).toInstant(), timeoutSeconds, now);
                                    due.add(new Received(EventEnvelope.withId(
                                            EventEnvelope.derivedId(orderId, "handover-overdue/" + attempt), event,
                                            SOURCE, row.getString(1), attempt, null), -1, -1));
                                }
                                return due.isEmpty()
                                        ? Uni.createFrom().item(0)
                                        : applyIn(conn, due, HANDOVER_TIMER, fold).map(a -> due.size());
                            });
                }));
    }

    /** The batch folded in memory: what to write, and what was refused. */
    private record Folded(List<Received> applied, Map<String, OrderState> changed, List<EventEnvelope> out,
            List<EventEnvelope> production, List<Rejected> rejected) {}

    private static Folded fold(List<Received> records, RowSet<Row> locked, RowSet<Row> seen, OrderFold fold) {
        Map<String, String> stored = new HashMap<>();
        for (Row row : locked) {
            stored.put(row.getString(0), row.getString(1));
        }
        Set<String> seenIds = new HashSet<>();
        for (Row row : seen) {
            seenIds.add(row.getString(0));
        }
        Map<String, OrderState> states = new HashMap<>();
        Map<String, RuntimeException> unreadable = new HashMap<>();
        Map<String, OrderState> changed = new LinkedHashMap<>();
        List<Received> applied = new ArrayList<>();
        List<EventEnvelope> out = new ArrayList<>();
        List<EventEnvelope> production = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (Received record : records) {
            EventEnvelope envelope = record.envelope();
            if (!seenIds.add(envelope.id())) {
                continue; // recorded before, or twice in this batch: applied once
            }
            String orderId = record.key();
            OrderState state = states.get(orderId);
            if (state == null && !unreadable.containsKey(orderId)) {
                try {
                    state = fromJson(stored.get(orderId));
                    states.put(orderId, state);
                } catch (IllegalStateException e) {
                    unreadable.put(orderId, e);
                }
            }
            if (state == null) {
                rejected.add(new Rejected(record, unreadable.get(orderId)));
                seenIds.remove(envelope.id());
                continue;
            }
            OrderFold.Result result;
            try {
                result = fold.evolve(state, envelope.data());
            } catch (IllegalArgumentException | IllegalStateException e) {
                rejected.add(new Rejected(record, e));
                seenIds.remove(envelope.id());
                continue;
            }
            states.put(orderId, result.state());
            changed.put(orderId, result.state());
            applied.add(record);
            for (OrderStatusChanged change : result.changes()) {
                Metrics.counter("podflow.ledger.status.changes", "status", change.status().wireName(), "code",
                        change.refusalReasonCode() == null ? "none" : change.refusalReasonCode()).increment();
                out.add(EventEnvelope.withId(EventEnvelope.derivedId(envelope.id(), "status-" + change.sequence()),
                        change, SOURCE, change.clientId(), change.attempt(), envelope.id()));
            }
            OrderState now = result.state();
            for (int i = 0; i < result.production().size(); i++) {
                // derived ids: folding the same event again (a redelivery) gives the same ids
                production.add(EventEnvelope.withId(EventEnvelope.derivedId(envelope.id(), "production-" + i),
                        result.production().get(i), SOURCE, now.clientId(), now.attempt(), envelope.id()));
            }
        }
        return new Folded(applied, changed, out, production, rejected);
    }

    private Uni<Applied> write(SqlConnection conn, Folded folded, String topic) {
        if (folded.applied().isEmpty()) {
            return Uni.createFrom().item(new Applied(folded.rejected(), 0));
        }
        List<Received> applied = folded.applied();
        Tuple events = Tuple.of(
                applied.stream().map(r -> r.envelope().id()).toArray(String[]::new),
                applied.stream().map(Received::key).toArray(String[]::new),
                applied.stream().map(r -> r.envelope().type().wireName()).toArray(String[]::new),
                applied.stream().map(r -> utc(r.envelope().data().occurredAt())).toArray(OffsetDateTime[]::new))
                .addArrayOfString(applied.stream().map(r -> EventCodec.encode(r.envelope())).toArray(String[]::new))
                .addString(topic)
                // where each event was read (the timeline); the ledger's own timer events have no position
                .addArrayOfInteger(applied.stream().map(r -> r.offset() < 0 ? null : r.partition())
                        .toArray(Integer[]::new))
                .addArrayOfLong(applied.stream().map(r -> r.offset() < 0 ? null : r.offset()).toArray(Long[]::new))
                .addArrayOfString(applied.stream().map(r -> r.envelope().source()).toArray(String[]::new));
        List<OrderState> states = List.copyOf(folded.changed().values());
        Tuple projections = Tuple.tuple(Arrays.asList(
                states.stream().map(OrderState::orderId).toArray(String[]::new),
                states.stream().map(OrderState::clientId).toArray(String[]::new),
                states.stream().map(OrderState::orderReferenceId).toArray(String[]::new),
                states.stream().map(s -> s.status() == null ? null : s.status().wireName()).toArray(String[]::new),
                states.stream().map(OrderState::refusalReasonCode).toArray(String[]::new),
                states.stream().map(s -> utcOrNull(s.receivedAt())).toArray(OffsetDateTime[]::new),
                states.stream().map(s -> utcOrNull(s.updatedAt())).toArray(OffsetDateTime[]::new),
                states.stream().map(LedgerRepository::toJson).toArray(String[]::new),
                states.stream().map(LedgerRepository::country).toArray(String[]::new),
                states.stream().map(s -> s.awaitsHandover() ? utc(s.production().requestedAt()) : null)
                        .toArray(OffsetDateTime[]::new)));
        return conn.preparedQuery("insert into ledger.event_log (event_id, order_id, type, occurred_at, payload, topic,"
                + " kafka_partition, kafka_offset, producer)"
                + " select e.event_id, e.order_id, e.type, e.occurred_at, e.payload, $6, e.kafka_partition,"
                + " e.kafka_offset, e.producer from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[],"
                + " $5::text[], $7::int[], $8::bigint[], $9::text[])"
                + " with ordinality as e(event_id, order_id, type, occurred_at, payload, kafka_partition, kafka_offset,"
                + " producer, n) order by n on conflict (event_id) do nothing")
                .execute(events)
                .flatMap(x -> conn.preparedQuery("update ledger.orders o set client_id = v.client_id,"
                        + " order_reference_id = v.reference, status = v.status,"
                        + " refusal_reason_code = v.refusal_code, received_at = v.received_at,"
                        + " updated_at = v.updated_at, state = v.state::jsonb, country = v.country,"
                        + " handover_since = v.handover_since"
                        + " from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],"
                        + " $6::timestamptz[], $7::timestamptz[], $8::text[], $9::text[], $10::timestamptz[])"
                        + " as v(order_id, client_id, reference, status, refusal_code, received_at, updated_at, state,"
                        + " country, handover_since) where o.order_id = v.order_id")
                        .execute(projections))
                .flatMap(x -> outbox.appendAll(conn, Topics.ORDERS_STATUS, folded.out()))
                .flatMap(x -> folded.production().isEmpty()
                        ? Uni.createFrom().voidItem()
                        : outbox.appendAll(conn, Topics.ORDERS_PRODUCTION, folded.production()))
                .map(x -> new Applied(folded.rejected(), folded.out().size() + folded.production().size()));
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

    /**
     * Any client's order with this id, or else (with {@code clientId}) that client's latest one with this reference:
     * for operators.
     */
    public Uni<Optional<OrderState>> findAny(String idOrReference, String clientId) {
        return pool.preparedQuery("select state::text from ledger.orders where status is not null and (order_id = $1"
                + " or ($2::text is not null and client_id = $2 and order_reference_id = $1))"
                + " order by (order_id = $1) desc, received_at desc limit 1")
                .execute(Tuple.of(idOrReference, clientId))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? Optional.of(fromJson(it.next().getString(0))) : Optional.empty();
                });
    }

    /** The filters of a search; null or empty means "any". */
    public record SearchQuery(List<String> statuses, List<String> references, Instant startDate, Instant endDate,
            List<String> countries, int limit, int offset) {}

    /**
     * A client's orders (every client's for a null {@code clientId}) matching the filters, newest first (ties by id, so pages are stable), at most
     * {@code limit} from {@code offset}. Uses the indexes of V2__search.sql.
     */
    public Uni<List<OrderState>> search(String clientId, SearchQuery query) {
        StringBuilder sql = new StringBuilder("select state::text from ledger.orders where status is not null");
        List<Object> params = new ArrayList<>();
        if (clientId != null) { // null: every client's (operators)
            params.add(clientId);
            sql.append(" and client_id = $1");
        }
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
