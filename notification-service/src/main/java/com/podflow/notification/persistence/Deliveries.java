package com.podflow.notification.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /** The first key of the advisory locks of (lane, order) pairs; see {@link #LOCK_PAIRS}. */
    static final int LOCK_CLASS = 4_004;

    /** The claim statement; see {@link #claim}. */
    static final String CLAIM = "with recursive lanes(lane) as ("
            + " (select lane from notification.deliveries where state = 'pending' and ready order by lane limit 1)"
            + " union all select (select d.lane from notification.deliveries d where d.state = 'pending' and d.ready"
            + " and d.lane > l.lane order by d.lane limit 1) from lanes l where l.lane is not null),"
            + " busy as (select lane, count(*) as n from notification.deliveries"
            + " where state = 'pending' and lease_until is not null and lease_until >= now()"
            + " and id <> all($5::bigint[]) group by lane),"
            + " due as (select c.id, c.next_attempt_at from lanes l left join busy b on b.lane = l.lane"
            + " cross join lateral (select d.id, d.next_attempt_at from notification.deliveries d"
            + " where d.lane = l.lane and d.state = 'pending' and d.ready and d.next_attempt_at <= now()"
            + " and (d.lease_until is null or d.lease_until < now())"
            + " order by d.next_attempt_at, d.id limit greatest($3 - coalesce(b.n, 0), 0)) c"
            + " where l.lane is not null order by c.next_attempt_at, c.id limit $2),"
            + " claimed as (select d.id from notification.deliveries d join due c on c.id = d.id"
            + " where d.state = 'pending' and d.ready and (d.lease_until is null or d.lease_until < now())"
            + " for update of d skip locked),"
            + " leased as (update notification.deliveries d set lease_owner = $1,"
            + " lease_until = now() + $4 * interval '1 millisecond' from claimed where d.id = claimed.id"
            + " returning " + prefixed("d.") + ")"
            + " select l.*, " + Endpoints.aliased("e", "e_")
            + " from leased l left join notification.endpoints e on e.id = l.endpoint_id order by l.id";

    /**
     * Serializes the transactions that change which rows of a (lane, order) are pending: each takes the pairs' advisory
     * locks (in one order, so two never wait on each other) before its change, so the recomputation of the heads that
     * ends it sees the other's committed rows. Without it, a status scheduled while its order's previous one completes
     * could be left behind a head that is no longer pending, never ready.
     */
    static final String LOCK_PAIRS = "select count(pg_advisory_xact_lock(" + LOCK_CLASS + ", k)) from (select distinct"
            + " hashtext(lane || chr(31) || order_id) as k from unnest($1::text[], $2::text[]) as u(lane, order_id)"
            + " order by 1) s";

    /**
     * Marks the head of each given (lane, order) -- its pending row of lowest (order_sequence, id) -- ready, and its
     * other pending rows not ready; writes only the rows that change.
     */
    static final String REFRESH_HEADS = "with k as (select distinct lane, order_id from unnest($1::text[], $2::text[])"
            + " as k(lane, order_id)),"
            + " h as (select k.lane, k.order_id, (select p.id from notification.deliveries p where p.lane = k.lane"
            + " and p.order_id = k.order_id and p.state = 'pending' order by p.order_sequence, p.id limit 1) as head"
            + " from k)"
            + " update notification.deliveries d set ready = (d.id = h.head) from h"
            + " where d.lane = h.lane and d.order_id = h.order_id and d.state = 'pending'"
            + " and d.ready <> (d.id = h.head)";

    /**
     * Records many attempts at once, only where the worker still holds the lease: sets each delivery's new state and
     * appends its attempt row (numbered after the delivery's earlier attempts); answers the ids it recorded.
     */
    static final String COMPLETE = "with r as (select * from unnest($2::bigint[], $3::text[], $4::text[], $5::text[],"
            + " $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[], $11::text[]) as r(id, state,"
            + " next_attempt_at, target, outcome, status_code, response_excerpt, error, duration_ms, attempted_at)),"
            + " done as (update notification.deliveries d set state = r.state, attempts = d.attempts + 1,"
            + " next_attempt_at = r.next_attempt_at::timestamptz, last_status_code = r.status_code::int,"
            + " last_error = r.error, lease_owner = null, lease_until = null,"
            + " completed_at = case when r.state = 'pending' then null else now() end"
            + " from r where d.id = r.id and d.lease_owner = $1 returning d.id),"
            + " logged as (insert into notification.delivery_attempts (delivery_id, attempt, target, outcome,"
            + " status_code, response_excerpt, error, duration_ms, attempted_at, next_retry_at)"
            + " select r.id, (select count(*) + 1 from notification.delivery_attempts a where a.delivery_id = r.id),"
            + " r.target, r.outcome, r.status_code::int, r.response_excerpt, r.error, r.duration_ms,"
            + " r.attempted_at::timestamptz, r.next_attempt_at::timestamptz from r join done on done.id = r.id)"
            + " select id from done";

    private final Pool pool;

    public Deliveries(Pool pool) {
        this.pool = pool;
    }

    /** One scheduled message. */
    public record Delivery(long id, String clientId, String channel, UUID endpointId, String recipient, String lane,
            String orderId, long orderSequence, String eventId, String messageId, String eventType, String payload,
            String subject, String state, int attempts, Instant nextAttemptAt, Instant createdAt) {}

    /** A leased delivery with its endpoint as it was when leased ({@code null}: an e-mail, or deleted). */
    public record Claimed(Delivery delivery, Endpoints.Endpoint endpoint) {}

    /** One attempt to record, with the delivery's next state. */
    public record Completion(long deliveryId, String lane, String orderId, AttemptRecord attempt, String state,
            Instant nextAttemptAt) {}

    /** A (lane, order): the unit of ordering. */
    public record Pair(String lane, String orderId) {}

    /** What to insert. */
    public record NewDelivery(String clientId, String channel, UUID endpointId, String recipient, String lane,
            String orderId, long orderSequence, String eventId, String messageId, String eventType, String payload,
            String subject, String state) {}

    /** How one attempt went, as the log keeps it. */
    public record AttemptRecord(String target, String outcome, Integer statusCode, String responseExcerpt,
            String error, long durationMs, Instant attemptedAt) {}

    /**
     * Marks event ids handled (inside the transaction that schedules their deliveries); answers those seen for the
     * first time. One statement for a whole batch.
     */
    public Uni<Set<String>> markHandled(SqlClient client, Collection<String> eventIds) {
        return client.preparedQuery("insert into notification.handled_events (event_id)"
                + " select unnest($1::text[]) on conflict (event_id) do nothing returning event_id")
                .execute(Tuple.of((Object) eventIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> first = new HashSet<>();
                    for (Row row : rows) {
                        first.add(row.getString(0));
                    }
                    return first;
                });
    }

    /**
     * Inserts many deliveries in one statement, in list order (their ids follow it, which breaks ties of one order's
     * sequence on a lane); a (lane, message id) that exists already is skipped.
     */
    public Uni<Void> insertAll(SqlClient client, List<NewDelivery> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        String[] clientIds = new String[n], channels = new String[n], endpointIds = new String[n],
                recipients = new String[n], lanes = new String[n], orderIds = new String[n], eventIds = new String[n],
                messageIds = new String[n], eventTypes = new String[n], payloads = new String[n],
                subjects = new String[n], states = new String[n];
        Long[] sequences = new Long[n];
        for (int i = 0; i < n; i++) {
            NewDelivery d = rows.get(i);
            clientIds[i] = d.clientId();
            channels[i] = d.channel();
            endpointIds[i] = d.endpointId() == null ? null : d.endpointId().toString();
            recipients[i] = d.recipient();
            lanes[i] = d.lane();
            orderIds[i] = d.orderId();
            sequences[i] = d.orderSequence();
            eventIds[i] = d.eventId();
            messageIds[i] = d.messageId();
            eventTypes[i] = d.eventType();
            payloads[i] = d.payload();
            subjects[i] = d.subject();
            states[i] = d.state();
        }
        List<Pair> pairs = new ArrayList<>();
        for (NewDelivery d : rows) {
            pairs.add(new Pair(d.lane(), d.orderId()));
        }
        return changing(client, pairs, () -> client.preparedQuery("insert into notification.deliveries (client_id,"
                + " channel, endpoint_id, recipient,"
                + " lane, order_id, order_sequence, event_id, message_id, event_type, payload, subject, state,"
                + " next_attempt_at, completed_at)"
                + " select r.client_id, r.channel, r.endpoint_id::uuid, r.recipient, r.lane, r.order_id,"
                + " r.order_sequence, r.event_id, r.message_id, r.event_type, r.payload, r.subject, r.state,"
                + " case when r.state = 'pending' then now() end, case when r.state = 'pending' then null else now() end"
                + " from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[],"
                + " $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[]) with ordinality"
                + " as r(client_id, channel, endpoint_id, recipient, lane, order_id, order_sequence, event_id,"
                + " message_id, event_type, payload, subject, state, n)"
                + " order by r.n on conflict (lane, message_id) do nothing")
                .execute(Tuple.from(Arrays.<Object>asList(clientIds, channels, endpointIds, recipients, lanes,
                        orderIds, sequences, eventIds, messageIds, eventTypes, payloads, subjects, states)))
                .replaceWithVoid());
    }

    /**
     * Runs a change of the pending rows of some (lane, order) pairs inside the caller's transaction: takes the pairs'
     * locks, runs it, then marks their heads ready. Three statements whatever the number of pairs.
     */
    public <T> Uni<T> changing(SqlClient client, Collection<Pair> pairs, java.util.function.Supplier<Uni<T>> change) {
        if (pairs.isEmpty()) {
            return change.get();
        }
        Tuple keys = pairKeys(pairs);
        return client.preparedQuery(LOCK_PAIRS).execute(keys)
                .flatMap(locked -> change.get())
                .flatMap(result -> client.preparedQuery(REFRESH_HEADS).execute(keys).replaceWith(result));
    }

    private static Tuple pairKeys(Collection<Pair> pairs) {
        Set<Pair> distinct = new java.util.LinkedHashSet<>(pairs);
        String[] lanes = new String[distinct.size()], orders = new String[distinct.size()];
        int i = 0;
        for (Pair p : distinct) {
            lanes[i] = p.lane();
            orders[i] = p.orderId();
            i++;
        }
        return Tuple.of(lanes, orders);
    }

    public Uni<Void> insert(SqlClient client, NewDelivery d) {
        return changing(client, List.of(new Pair(d.lane(), d.orderId())), () -> client
                .preparedQuery("insert into notification.deliveries (client_id, channel, endpoint_id, recipient,"
                        + " lane, order_id, order_sequence, event_id, message_id, event_type, payload, subject, state,"
                        + " next_attempt_at, completed_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"
                        + " case when $13 = 'pending' then now() end, case when $13 = 'pending' then null else now() end)"
                        + " on conflict (lane, message_id) do nothing")
                .execute(Tuple.from(Arrays.asList(d.clientId(), d.channel(), d.endpointId(), d.recipient(),
                        d.lane(), d.orderId(), d.orderSequence(), d.eventId(), d.messageId(), d.eventType(),
                        d.payload(), d.subject(), d.state())))
                .replaceWithVoid());
    }

    /**
     * Leases up to {@code limit} due deliveries, each with its endpoint (one round trip). Only the head of each (lane,
     * order) is due: a later status of an order waits until every earlier one to the same endpoint is delivered or
     * given up. Lanes that already have {@code perLane} rows in flight are skipped, so one slow endpoint cannot take
     * every slot; {@code sent} are this worker's leased rows whose send has ended and whose attempt is being recorded:
     * they hold no slot (but still hold back their order's next status).
     */
    public Uni<List<Claimed>> claim(String owner, int limit, int perLane, long leaseMs, Collection<Long> sent) {
        // due: pending rows whose time has come, unleased, that head their (lane, order) -- no earlier pending row of
        // the same order to the same lane -- on lanes not already at their cap; read along deliveries_due (in its
        // order, so the read stops at the limit), each head check along deliveries_lane, so the cost follows the
        // batch, not the backlog. The window caps each lane's share of this batch; the locking step re-checks state
        // and lease on the latest row version, so two workers never take the same row.
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(owner, limit, perLane, leaseMs, sent.toArray(Long[]::new)))
                .map(rows -> {
                    List<Claimed> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new Claimed(delivery(row),
                                row.getUUID("e_id") == null ? null : Endpoints.endpoint(row, "e_")));
                    }
                    return list;
                });
    }

    /**
     * Records the attempts of many deliveries and their new states ({@code delivered}, {@code pending} again at
     * {@code nextAttemptAt}, or {@code failed}: given up) in one statement. Only the lease holder's results count:
     * answers the ids that were recorded; a delivery whose lease was lost (expired and taken by another worker) is
     * left alone, attempt included.
     */
    public Uni<Set<Long>> completeAll(SqlClient client, String owner, List<Completion> completions) {
        int n = completions.size();
        Long[] ids = new Long[n], durations = new Long[n];
        String[] states = new String[n], next = new String[n], targets = new String[n], outcomes = new String[n],
                codes = new String[n], excerpts = new String[n], errors = new String[n], at = new String[n];
        for (int i = 0; i < n; i++) {
            Completion c = completions.get(i);
            AttemptRecord a = c.attempt();
            ids[i] = c.deliveryId();
            states[i] = c.state();
            next[i] = c.nextAttemptAt() == null ? null : c.nextAttemptAt().toString();
            targets[i] = a.target();
            outcomes[i] = a.outcome();
            codes[i] = a.statusCode() == null ? null : a.statusCode().toString();
            excerpts[i] = a.responseExcerpt();
            errors[i] = a.error();
            durations[i] = a.durationMs();
            at[i] = a.attemptedAt().toString();
        }
        // a delivery that ends (delivered, given up) releases its order's next one on its lane; one that stays pending
        // stays the head: only the first pairs need their heads recomputed
        List<Pair> ending = new ArrayList<>();
        for (Completion c : completions) {
            if (!c.state().equals("pending")) {
                ending.add(new Pair(c.lane(), c.orderId()));
            }
        }
        return changing(client, ending, () -> client.preparedQuery(COMPLETE)
                .execute(Tuple.from(Arrays.<Object>asList(owner, ids, states, next, targets, outcomes, codes,
                        excerpts, errors, durations, at)))
                .map(rows -> {
                    Set<Long> done = new HashSet<>();
                    for (Row row : rows) {
                        done.add(row.getLong(0));
                    }
                    return done;
                }));
    }

    /** How a batch of attempts went for one endpoint. */
    public record EndpointResults(UUID endpointId, boolean failed, boolean succeeded) {}

    /**
     * Updates the endpoints' health after a batch of attempts, in one statement: a success clears
     * {@code failing_since}; a failure sets it when unset (after a success of the same batch: to now). Answers
     * {@code failing_since} of every endpoint that failed.
     */
    public Uni<Map<UUID, Instant>> endpointHealth(SqlClient client, Collection<EndpointResults> results) {
        int n = results.size();
        String[] ids = new String[n];
        Boolean[] failed = new Boolean[n], succeeded = new Boolean[n];
        int i = 0;
        for (EndpointResults r : results) {
            ids[i] = r.endpointId().toString();
            failed[i] = r.failed();
            succeeded[i] = r.succeeded();
            i++;
        }
        return client.preparedQuery("update notification.endpoints e set failing_since = case"
                + " when not r.failed then null when r.succeeded then now() else coalesce(e.failing_since, now()) end"
                + " from unnest($1::text[], $2::boolean[], $3::boolean[]) as r(id, failed, succeeded)"
                + " where e.id = r.id::uuid and (r.failed or e.failing_since is not null)"
                + " returning e.id, e.failing_since, r.failed")
                .execute(Tuple.from(Arrays.<Object>asList(ids, failed, succeeded)))
                .map(rows -> {
                    Map<UUID, Instant> since = new HashMap<>();
                    for (Row row : rows) {
                        if (row.getBoolean("failed")) {
                            since.put(row.getUUID("id"), row.getOffsetDateTime("failing_since").toInstant());
                        }
                    }
                    return since;
                });
    }

    /** Gives up a delivery without an attempt (its endpoint was deleted or disabled meanwhile). */
    public Uni<Void> abandon(Delivery d, String owner, String reason) {
        return pool.withTransaction(conn -> changing(conn, List.of(new Pair(d.lane(), d.orderId())),
                () -> conn.preparedQuery("update notification.deliveries set state = 'failed', last_error = $3,"
                        + " next_attempt_at = null, lease_owner = null, lease_until = null, completed_at = now()"
                        + " where id = $1 and lease_owner = $2").execute(Tuple.of(d.id(), owner, reason))))
                .replaceWithVoid();
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
        return redelivering("d.id = $1 and d.client_id = $2 and d.state in ('delivered', 'failed')",
                Tuple.of(id, clientId)).map(n -> n == 1);
    }

    /**
     * Puts the finished deliveries that match back to pending (where redeliverable), in one transaction that takes their
     * pairs' locks first and marks their heads after; answers how many.
     */
    private Uni<Integer> redelivering(String where, Tuple args) {
        return pool.withTransaction(conn -> conn.preparedQuery("select distinct d.lane, d.order_id from"
                + " notification.deliveries d where " + where + " and " + REDELIVERABLE).execute(args)
                .flatMap(rows -> {
                    List<Pair> pairs = new ArrayList<>();
                    for (Row row : rows) {
                        pairs.add(new Pair(row.getString(0), row.getString(1)));
                    }
                    if (pairs.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    // only rows of the locked pairs (one that failed meanwhile waits for the next call); not ready
                    // until their heads are marked
                    Tuple keys = pairKeys(pairs);
                    int k = args.size() + 1;
                    args.addValue(keys.getValue(0)).addValue(keys.getValue(1));
                    return changing(conn, pairs, () -> conn.preparedQuery("update notification.deliveries d"
                            + " set state = 'pending', ready = false, attempts = 0, next_attempt_at = now(),"
                            + " completed_at = null, lease_owner = null, lease_until = null where " + where
                            + " and " + REDELIVERABLE + " and (d.lane, d.order_id) in (select * from unnest($" + k
                            + "::text[], $" + (k + 1) + "::text[]))")
                            .execute(args).map(r -> r.rowCount()));
                }));
    }

    /** Schedules again every given-up delivery of a client created in [from, to). */
    public Uni<Integer> redeliverFailed(String clientId, Instant from, Instant to) {
        return redelivering("d.client_id = $1 and d.state = 'failed' and d.created_at >= $2 and d.created_at < $3",
                Tuple.of(clientId, utc(from), utc(to)));
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
