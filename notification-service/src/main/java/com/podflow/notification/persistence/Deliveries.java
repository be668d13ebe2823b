package com.podflow.notification.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The durable delivery queue ({@code notification.deliveries}) and its attempt log
 * ({@code notification.delivery_attempts}). A row is created in the transaction that marks its status change handled,
 * and leased by a worker while it is being sent, so a crashed worker's rows come back once the lease runs out.
 */
@ApplicationScoped
public class Deliveries {
    static final String COLUMNS = "id, client_id, channel, endpoint_id, recipient, lane, order_id, order_sequence,"
            + " event_id, message_id, event_type, payload, subject, state, attempts, next_attempt_at, created_at";

    /** The claim statement; see {@link #claim}. */
    static final String CLAIM = "with busy as (select lane, count(*) as n from notification.deliveries"
            + " where state = 'pending' and lease_until is not null and lease_until >= now() group by lane),"
            + " due as (select d.id, d.lane, d.next_attempt_at from notification.deliveries d"
            + " where d.state = 'pending' and d.next_attempt_at <= now()"
            + " and (d.lease_until is null or d.lease_until < now())"
            + " and not exists (select 1 from busy b where b.lane = d.lane and b.n >= $3)"
            + " and not exists (select 1 from notification.deliveries p where p.lane = d.lane"
            + "   and p.order_id = d.order_id and p.state = 'pending'"
            + "   and (p.order_sequence < d.order_sequence or (p.order_sequence = d.order_sequence and p.id < d.id)))"
            + " order by d.next_attempt_at, d.id limit $2 * 4),"
            + " capped as (select u.id, u.next_attempt_at, row_number() over (partition by u.lane"
            + " order by u.next_attempt_at, u.id) + coalesce(b.n, 0) as slot from due u"
            + " left join busy b on b.lane = u.lane),"
            + " claimed as (select d.id from notification.deliveries d join capped c on c.id = d.id"
            + " where c.slot <= $3 and d.state = 'pending' and (d.lease_until is null or d.lease_until < now())"
            + " order by c.next_attempt_at, c.id limit $2 for update of d skip locked)"
            + " update notification.deliveries d set lease_owner = $1,"
            + " lease_until = now() + $4 * interval '1 millisecond' from claimed where d.id = claimed.id"
            + " returning " + prefixed("d.");

    private final Pool pool;

    public Deliveries(Pool pool) {
        this.pool = pool;
    }

    /** One scheduled message. */
    public record Delivery(long id, String clientId, String channel, UUID endpointId, String recipient, String lane,
            String orderId, long orderSequence, String eventId, String messageId, String eventType, String payload,
            String subject, String state, int attempts, Instant nextAttemptAt, Instant createdAt) {}

    /** What to insert. */
    public record NewDelivery(String clientId, String channel, UUID endpointId, String recipient, String lane,
            String orderId, long orderSequence, String eventId, String messageId, String eventType, String payload,
            String subject, String state) {}

    /** How one attempt went, as the log keeps it. */
    public record AttemptRecord(String target, String outcome, Integer statusCode, String responseExcerpt,
            String error, long durationMs, Instant attemptedAt) {}

    /** True the first time an event id is seen (inside the transaction that schedules its deliveries). */
    public Uni<Boolean> markHandled(SqlClient client, String eventId) {
        return client.preparedQuery("insert into notification.handled_events (event_id) values ($1)"
                + " on conflict (event_id) do nothing").execute(Tuple.of(eventId)).map(r -> r.rowCount() == 1);
    }

    public Uni<Void> insert(SqlClient client, NewDelivery d) {
        return client.preparedQuery("insert into notification.deliveries (client_id, channel, endpoint_id, recipient,"
                + " lane, order_id, order_sequence, event_id, message_id, event_type, payload, subject, state,"
                + " next_attempt_at, completed_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"
                + " case when $13 = 'pending' then now() end, case when $13 = 'pending' then null else now() end)"
                + " on conflict (lane, message_id) do nothing")
                .execute(Tuple.from(Arrays.asList(d.clientId(), d.channel(), d.endpointId(), d.recipient(),
                        d.lane(), d.orderId(), d.orderSequence(), d.eventId(), d.messageId(), d.eventType(),
                        d.payload(), d.subject(), d.state())))
                .replaceWithVoid();
    }

    /**
     * Leases up to {@code limit} due deliveries. Only the head of each (lane, order) is due: a later status of an
     * order waits until every earlier one to the same endpoint is delivered or given up. Lanes that already have
     * {@code perLane} leased rows are skipped, so one slow endpoint cannot take every slot.
     */
    public Uni<List<Delivery>> claim(String owner, int limit, int perLane, long leaseMs) {
        // due: pending rows whose time has come, unleased, that head their (lane, order) -- no earlier pending row of
        // the same order to the same lane -- on lanes not already at their cap; read along deliveries_due, each head
        // check along deliveries_lane, so the cost follows the batch, not the backlog. The window caps each lane's
        // share of this batch; the locking step re-checks state and lease on the latest row version, so two workers
        // never take the same row.
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(owner, limit, perLane, leaseMs))
                .map(rows -> {
                    List<Delivery> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(delivery(row));
                    }
                    return list;
                });
    }

    /**
     * Records an attempt and the delivery's new state in one transaction: {@code delivered}, {@code pending} again at
     * {@code nextAttemptAt}, or {@code failed} (given up). Only the lease holder's result counts.
     */
    public Uni<Boolean> complete(SqlConnection conn, Delivery d, String owner, AttemptRecord attempt, String state,
            Instant nextAttemptAt) {
        return conn.preparedQuery("insert into notification.delivery_attempts (delivery_id, attempt, target, outcome,"
                + " status_code, response_excerpt, error, duration_ms, attempted_at, next_retry_at) values ($1,"
                + " (select count(*) + 1 from notification.delivery_attempts where delivery_id = $1),"
                + " $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(Arrays.asList(d.id(), attempt.target(), attempt.outcome(), attempt.statusCode(),
                        attempt.responseExcerpt(), attempt.error(), attempt.durationMs(), utc(attempt.attemptedAt()),
                        utc(nextAttemptAt))))
                .flatMap(inserted -> conn.preparedQuery("update notification.deliveries set state = $3,"
                        + " attempts = attempts + 1, next_attempt_at = $4, last_status_code = $5, last_error = $6,"
                        + " lease_owner = null, lease_until = null,"
                        + " completed_at = case when $3 = 'pending' then null else now() end"
                        + " where id = $1 and lease_owner = $2")
                        .execute(Tuple.from(Arrays.asList(d.id(), owner, state, utc(nextAttemptAt),
                                attempt.statusCode(), attempt.error()))))
                .map(r -> r.rowCount() == 1);
    }

    /** Gives up a delivery without an attempt (its endpoint was deleted or disabled meanwhile). */
    public Uni<Void> abandon(Delivery d, String owner, String reason) {
        return pool.preparedQuery("update notification.deliveries set state = 'failed', last_error = $3,"
                + " next_attempt_at = null, lease_owner = null, lease_until = null, completed_at = now()"
                + " where id = $1 and lease_owner = $2").execute(Tuple.of(d.id(), owner, reason)).replaceWithVoid();
    }

    /** Marks the first failure of an endpoint since its last success; answers when that was. */
    public Uni<Instant> endpointFailed(SqlConnection conn, UUID endpointId) {
        return conn.preparedQuery("update notification.endpoints set failing_since = coalesce(failing_since, now())"
                + " where id = $1 returning failing_since").execute(Tuple.of(endpointId))
                .map(rows -> rows.iterator().hasNext()
                        ? rows.iterator().next().getOffsetDateTime(0).toInstant()
                        : Instant.now());
    }

    public Uni<Void> endpointSucceeded(SqlConnection conn, UUID endpointId) {
        return conn.preparedQuery("update notification.endpoints set failing_since = null"
                + " where id = $1 and failing_since is not null").execute(Tuple.of(endpointId)).replaceWithVoid();
    }

    /**
     * Disables an endpoint and gives up its pending deliveries (they can be redelivered once it is enabled again).
     * Answers the endpoint when this call disabled it, empty when it already was.
     */
    public Uni<Optional<Endpoints.Endpoint>> disableEndpoint(SqlConnection conn, UUID endpointId, String reason) {
        return conn.preparedQuery("update notification.endpoints set enabled = false, disabled_reason = $2,"
                + " disabled_at = now(), updated_at = now() where id = $1 and enabled returning " + Endpoints.COLUMNS)
                .execute(Tuple.of(endpointId, reason))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(Optional.<Endpoints.Endpoint>empty());
                    }
                    Endpoints.Endpoint endpoint = Endpoints.endpoint(rows.iterator().next());
                    return conn.preparedQuery("update notification.deliveries set state = 'failed',"
                            + " last_error = $2, next_attempt_at = null, completed_at = now()"
                            + " where endpoint_id = $1 and state = 'pending'")
                            .execute(Tuple.of(endpointId, "endpoint disabled: " + reason))
                            .replaceWith(Optional.of(endpoint));
                });
    }

    /** Filters of the delivery log. */
    public record LogQuery(String clientId, Instant from, Instant to, String orderId, String outcome, String channel,
            Long deliveryId, int limit) {}

    /** One line of the log: an attempt, or a delivery that has none yet (pending, no target, given up unsent). */
    public record LogEntry(long deliveryId, String channel, String eventId, String eventType, String clientId,
            String orderId, String payload, String subject, String deliveryState, Integer attempt, String url,
            String outcome, Integer statusCode, String responseExcerpt, String error, Long durationMs,
            Instant attemptedAt, Instant nextRetryAt, Instant createdAt) {}

    public Uni<List<LogEntry>> log(LogQuery q) {
        return pool.preparedQuery("select d.id, d.channel, d.message_id, d.event_type, d.client_id, d.order_id,"
                + " d.payload, d.subject, d.state, d.next_attempt_at, d.created_at, d.last_error, a.attempt,"
                + " a.target, coalesce(a.outcome, d.state) as outcome, a.status_code, a.response_excerpt, a.error,"
                + " a.duration_ms, a.attempted_at, a.next_retry_at, coalesce(a.attempted_at, d.created_at) as at"
                + " from notification.deliveries d left join notification.delivery_attempts a on a.delivery_id = d.id"
                + " where d.client_id = $1"
                + " and ($2::timestamptz is null or coalesce(a.attempted_at, d.created_at) >= $2)"
                + " and ($3::timestamptz is null or coalesce(a.attempted_at, d.created_at) < $3)"
                + " and ($4::text is null or d.order_id = $4)"
                + " and ($5::text is null or coalesce(a.outcome, d.state) = $5)"
                + " and ($6::text is null or d.channel = $6)"
                + " and ($7::bigint is null or d.id = $7)"
                + " order by at desc, d.id desc, a.attempt desc nulls last limit $8")
                .execute(Tuple.from(Arrays.asList(q.clientId(), utc(q.from()), utc(q.to()), q.orderId(),
                        q.outcome(), q.channel(), q.deliveryId(), q.limit())))
                .map(rows -> {
                    List<LogEntry> list = new ArrayList<>();
                    for (Row row : rows) {
                        Integer attempt = row.getInteger("attempt");
                        list.add(new LogEntry(row.getLong("id"), row.getString("channel"),
                                row.getString("message_id"), row.getString("event_type"), row.getString("client_id"),
                                row.getString("order_id"), row.getString("payload"), row.getString("subject"),
                                row.getString("state"), attempt, row.getString("target"), row.getString("outcome"),
                                row.getInteger("status_code"), row.getString("response_excerpt"),
                                attempt == null ? row.getString("last_error") : row.getString("error"),
                                row.getLong("duration_ms"), Endpoints.instant(row, "attempted_at"),
                                attempt == null
                                        ? Endpoints.instant(row, "next_attempt_at")
                                        : Endpoints.instant(row, "next_retry_at"),
                                Endpoints.instant(row, "created_at")));
                    }
                    return list;
                });
    }

    /** A client's delivery; empty for another client's id. */
    public Uni<Optional<Delivery>> find(String clientId, long id) {
        return pool
                .preparedQuery("select " + COLUMNS + " from notification.deliveries where id = $1 and client_id = $2")
                .execute(Tuple.of(id, clientId))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(delivery(rows.iterator().next()))
                        : Optional.empty());
    }

    /**
     * Schedules a finished delivery (delivered or given up) again from the start of the retry schedule, under the same
     * message id. Only while its endpoint exists and is enabled (e-mails always).
     */
    public Uni<Boolean> redeliver(String clientId, long id) {
        return pool.preparedQuery("update notification.deliveries d set state = 'pending', attempts = 0,"
                + " next_attempt_at = now(), completed_at = null, lease_owner = null, lease_until = null"
                + " where d.id = $1 and d.client_id = $2 and d.state in ('delivered', 'failed') and " + REDELIVERABLE)
                .execute(Tuple.of(id, clientId)).map(r -> r.rowCount() == 1);
    }

    /** Schedules again every given-up delivery of a client created in [from, to). */
    public Uni<Integer> redeliverFailed(String clientId, Instant from, Instant to) {
        return pool.preparedQuery("update notification.deliveries d set state = 'pending', attempts = 0,"
                + " next_attempt_at = now(), completed_at = null, lease_owner = null, lease_until = null"
                + " where d.client_id = $1 and d.state = 'failed' and d.created_at >= $2 and d.created_at < $3 and "
                + REDELIVERABLE)
                .execute(Tuple.of(clientId, utc(from), utc(to))).map(r -> r.rowCount());
    }

    private static final String REDELIVERABLE = "(d.channel = 'email' or exists (select 1 from"
            + " notification.endpoints e where e.id = d.endpoint_id and e.enabled))";

    private static String prefixed(String prefix) {
        return String.join(", ", Arrays.stream(COLUMNS.split(",\\s*")).map(c -> prefix + c).toList());
    }

    static Delivery delivery(Row row) {
        return new Delivery(row.getLong("id"), row.getString("client_id"), row.getString("channel"),
                row.getUUID("endpoint_id"), row.getString("recipient"), row.getString("lane"),
                row.getString("order_id"), row.getLong("order_sequence"), row.getString("event_id"),
                row.getString("message_id"), row.getString("event_type"), row.getString("payload"),
                row.getString("subject"), row.getString("state"), row.getInteger("attempts"),
                Endpoints.instant(row, "next_attempt_at"), Endpoints.instant(row, "created_at"));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** How long ago, for the disable-after rule. */
    public static Duration since(Instant instant) {
        return Duration.between(instant, Instant.now());
    }
}
