package com.podflow.ledger.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.podflow.events.EventEnvelope;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderStalled;
import com.podflow.events.ProductionRequested;
import com.podflow.events.Topics;
import com.podflow.ledger.domain.OrderFold;
import com.podflow.ledger.domain.OrderState;
import com.podflow.ledger.domain.Redrive;
import com.podflow.outbox.OutboxService;
import com.podflow.support.messaging.BatchConsumer.Received;

/**
 * Stalled orders (issue 11 item 4, ADR 0030): finds the orders longer than their status's limit in it, folds an
 * {@link OrderStalled} into each (once per status and attempt: {@code stalled_key}, and a derived event id), and lists
 * them. Like the handover check, a round runs in one replica at a time (a transaction-scoped advisory lock).
 */
@ApplicationScoped
public class StalledRepository {
    /** The event log's "topic" of the stall check's events. */
    static final String STALL_TIMER = "ledger.stall-timer";
    /** The advisory lock that keeps the stall check to one replica at a time. */
    static final long STALL_LOCK = 0x6c65646765720002L;

    /** When the order's current wait began: its current status's start, for created its facility's receipt. */
    private static final String SINCE = "(case when status = 'created'"
            + " then (state -> 'production' ->> 'acceptedAt')::timestamptz"
            + " else (state -> 'statusHistory' -> -1 ->> 'at')::timestamptz end)";

    private final Pool pool;
    private final LedgerRepository ledger;
    private final OutboxService outbox;

    public StalledRepository(Pool pool, LedgerRepository ledger, OutboxService outbox) {
        this.pool = pool;
        this.ledger = ledger;
        this.outbox = outbox;
    }

    /**
     * Flags up to {@code limit} orders in {@code status} whose wait began before {@code now - limit} and that were not
     * flagged in this status and attempt yet; answers how many, or -1 when another replica holds the lock.
     */
    public Uni<Integer> flagStalled(FulfillmentStatus status, Duration timeLimit, Instant now, int limit,
            OrderFold fold) {
        return locked(conn -> conn.preparedQuery("select order_id, client_id, (state ->> 'attempt')::int, " + SINCE
                + " as since from ledger.orders where status = $1"
                + " and stalled_key is distinct from status || '/' || (state ->> 'attempt')"
                + " and " + SINCE + " < $2 order by since limit $3")
                .execute(Tuple.of(status.wireName(), utc(now.minus(timeLimit)), limit))
                .flatMap(rows -> {
                    List<Received> due = events(rows, status, timeLimit, false, now, "stalled/" + status.wireName());
                    if (due.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return ledger.applyIn(conn, due, STALL_TIMER, fold)
                            .flatMap(applied -> conn.preparedQuery("update ledger.orders o"
                                    + " set stalled_key = v.key, stalled_at = $3"
                                    + " from unnest($1::text[], $2::text[]) as v(order_id, key)"
                                    + " where o.order_id = v.order_id")
                                    .execute(Tuple.of(
                                            due.stream().map(Received::key).toArray(String[]::new),
                                            due.stream().map(r -> status.wireName() + "/" + r.envelope().attempt())
                                                    .toArray(String[]::new),
                                            utc(now))))
                            .map(x -> due.size());
                }));
    }

    /**
     * Fails (through the fold) up to {@code limit} received attempts received before {@code now - timeout} that still
     * miss validators' results: {@code validator_timeout}. Answers how many were folded, -1 when locked elsewhere.
     */
    public Uni<Integer> failOverdueValidations(Duration timeout, Instant now, int limit, OrderFold fold) {
        return locked(conn -> conn.preparedQuery("select order_id, client_id, (state ->> 'attempt')::int, " + SINCE
                + " as since from ledger.orders where status = 'received' and " + SINCE
                + " < $1 order by since limit $2")
                .execute(Tuple.of(utc(now.minus(timeout)), limit))
                .flatMap(rows -> {
                    List<Received> due = events(rows, FulfillmentStatus.RECEIVED, timeout, true, now,
                            "validator-timeout");
                    return due.isEmpty()
                            ? Uni.createFrom().item(0)
                            : ledger.applyIn(conn, due, STALL_TIMER, fold).map(x -> due.size());
                }));
    }

    /** The orders {@link #list} lists: flagged stalled in their current status and attempt, or overdue at handover. */
    private static final String STALLED_NOW = " where status in ('received', 'created', 'in_production', 'printed',"
            + " 'packaged', 'shipped', 'in_transit') and (stalled_key = status || '/' || (state ->> 'attempt')"
            + " or (status = 'created' and (state -> 'production' ->> 'overdue')::boolean"
            + " and state -> 'production' ->> 'acceptedAt' is null))";

    /** How many orders are stalled now: the ones {@link #list} would list (the stalled-orders gauge). */
    public Uni<Long> countStalled() {
        return pool.query("select count(*) from ledger.orders" + STALLED_NOW).execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** One stalled order as listed: its state, when its wait began, when the stall was announced (null: handover). */
    public record Stalled(OrderState state, Instant since, Instant stalledAt) {}

    /**
     * The orders stalled now, longest waiting first: flagged in their current status and attempt, plus the created
     * orders the handover check flagged overdue and whose facility still has not confirmed.
     */
    public Uni<List<Stalled>> list(int limit, int offset) {
        return pool.preparedQuery("select state::text, " + SINCE + " as since, stalled_at from ledger.orders"
                + STALLED_NOW + " order by coalesce(" + SINCE
                + ", (state -> 'production' ->> 'requestedAt')::timestamptz),"
                + " order_id limit $1 offset $2")
                .execute(Tuple.of(limit, offset))
                .map(rows -> {
                    List<Stalled> stalled = new ArrayList<>();
                    for (Row row : rows) {
                        OrderState state = read(row.getString(0));
                        OffsetDateTime since = row.getOffsetDateTime(1);
                        OffsetDateTime at = row.getOffsetDateTime(2);
                        stalled.add(new Stalled(state, since == null
                                ? state.production() == null ? null : state.production().requestedAt()
                                : since.toInstant(), at == null ? null : at.toInstant()));
                    }
                    return stalled;
                });
    }

    /** The order with this id, of any client (operators' views). */
    public Uni<Optional<OrderState>> find(String orderId) {
        return pool.preparedQuery("select state::text from ledger.orders where order_id = $1 and status is not null")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? Optional.of(read(it.next().getString(0))) : Optional.empty();
                });
    }

    /** What a production re-drive did: the order (empty: unknown) and the event sent (empty: none awaited). */
    public record Redriven(Optional<OrderState> order, Optional<EventEnvelope> sent) {}

    /**
     * Re-sends a created order's production request through the outbox (ADR 0029), under an id derived from the order
     * and its attempt, so a facility that got the first one (or an earlier re-drive) sees the same id again. The row
     * is locked, so a receipt folded meanwhile is seen.
     */
    public Uni<Redriven> redriveProduction(String orderId) {
        return pool.withTransaction(conn -> conn.preparedQuery("select state::text from ledger.orders"
                + " where order_id = $1 and status is not null for update")
                .execute(Tuple.of(orderId))
                .flatMap(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Uni.createFrom().item(new Redriven(Optional.empty(), Optional.empty()));
                    }
                    OrderState state = read(it.next().getString(0));
                    Optional<ProductionRequested> request = Redrive.productionRequest(state);
                    if (request.isEmpty()) {
                        return Uni.createFrom().item(new Redriven(Optional.of(state), Optional.empty()));
                    }
                    EventEnvelope envelope = EventEnvelope.withId(
                            EventEnvelope.derivedId(orderId, "redrive/production/" + state.attempt()),
                            request.get(), LedgerRepository.SOURCE, state.clientId(), state.attempt(), null);
                    return outbox.append(conn, Topics.ORDERS_PRODUCTION, envelope)
                            .map(x -> new Redriven(Optional.of(state), Optional.of(envelope)));
                }))
                .invoke(r -> r.sent().ifPresent(x -> outbox.wakeUp()));
    }

    private interface InLock {
        Uni<Integer> run(SqlConnection conn);
    }

    private Uni<Integer> locked(InLock work) {
        return pool.withTransaction(conn -> conn.preparedQuery("select pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(STALL_LOCK))
                .flatMap(lock -> lock.iterator().next().getBoolean(0)
                        ? work.run(conn)
                        : Uni.createFrom().item(-1)));
    }

    private static List<Received> events(RowSet<Row> rows, FulfillmentStatus status, Duration limit,
            boolean failsAttempt, Instant now, String step) {
        List<Received> due = new ArrayList<>();
        for (Row row : rows) {
            String orderId = row.getString(0);
            int attempt = row.getInteger(2) == null ? 0 : row.getInteger(2);
            Instant since = row.getOffsetDateTime(3).toInstant();
            var event = new OrderStalled(orderId, status, attempt, since, limit.toSeconds(), failsAttempt, now);
            // derived from the order, status and attempt: a second round (or replica) folds the same event id once
            due.add(new Received(EventEnvelope.withId(EventEnvelope.derivedId(orderId, step + "/" + attempt), event,
                    LedgerRepository.SOURCE, row.getString(1), attempt, null), -1, -1));
        }
        return due;
    }

    private static OrderState read(String json) {
        try {
            return StateJson.MAPPER.readValue(json, OrderState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored order state is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
