package com.podflow.ledger.replay;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podflow.events.EventCodec;
import com.podflow.events.EventJson;
import com.podflow.ledger.domain.OrderReplay;
import com.podflow.ledger.domain.OrderState;

/**
 * Reads the event log for replays, writes the shadow projection ({@code ledger.orders_rebuild}) and compares and swaps
 * it with the live one. Blocking (called on worker threads); never writes the outbox.
 */
@ApplicationScoped
public class ReplayStore {
    /** The stored projection's JSON: the same settings as LedgerRepository's (the events' own). */
    static final ObjectMapper MAPPER = EventJson.configure(new ObjectMapper());

    private final Pool pool;

    public ReplayStore(Pool pool) {
        this.pool = pool;
    }

    /** One order's logged events, in the order the ledger applied them. */
    public List<OrderReplay.Logged> events(String orderId) {
        return events(List.of(orderId)).getOrDefault(orderId, List.of());
    }

    /** The logged events of these orders, per order in the order the ledger applied them. */
    public Map<String, List<OrderReplay.Logged>> events(List<String> orderIds) {
        Map<String, List<OrderReplay.Logged>> byOrder = new LinkedHashMap<>();
        for (Row row : pool.preparedQuery("select event_id, order_id, type, topic, log_seq, payload"
                + " from ledger.event_log where order_id = any($1) order by order_id, log_seq")
                .executeAndAwait(Tuple.of(orderIds.toArray(String[]::new)))) {
            var logged = new OrderReplay.Logged(row.getString(0), row.getString(2), row.getString(3),
                    row.getLong(4), EventCodec.decode(row.getString(5)).data());
            byOrder.computeIfAbsent(row.getString(1), k -> new ArrayList<>()).add(logged);
        }
        return byOrder;
    }

    /** The next page of order ids in the scope after {@code after} (keyset paging), at most {@code limit}. */
    public List<String> orderIds(ReplayScope scope, String after, int limit) {
        List<Object> params = new ArrayList<>(scope.params());
        params.add(after == null ? "" : after);
        params.add(limit);
        int n = scope.params().size();
        String sql = "select distinct order_id from ledger.event_log where " + scope.sql("order_id", 1)
                + " and order_id > $" + (n + 1) + " order by order_id limit $" + (n + 2);
        List<String> ids = new ArrayList<>();
        for (Row row : pool.preparedQuery(sql).executeAndAwait(Tuple.from(params))) {
            ids.add(row.getString(0));
        }
        return ids;
    }

    /** The live projection's status of these orders (absent: no projection row or no status). */
    public Map<String, String> liveStatuses(List<String> orderIds) {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (Row row : pool.preparedQuery("select order_id, status from ledger.orders where order_id = any($1)")
                .executeAndAwait(Tuple.of(orderIds.toArray(String[]::new)))) {
            statuses.put(row.getString(0), row.getString(1));
        }
        return statuses;
    }

    /** A rebuild as recorded. */
    public record RebuildRow(String id, ReplayScope scope, boolean dryRun, Instant startedAt, Instant finishedAt,
            int orders, long events, int rejected, long elapsedMs, Instant swappedAt, Integer swapped) {}

    public void startRebuild(String id, ReplayScope scope, boolean dryRun, Instant startedAt) {
        pool.preparedQuery("insert into ledger.rebuilds (rebuild_id, scope, range_from, range_to, order_id, dry_run,"
                + " started_at) values ($1, $2, $3, $4, $5, $6, $7)")
                .executeAndAwait(Tuple.tuple(Arrays.asList(id, scope.scope(), utcOrNull(scope.from()),
                        utcOrNull(scope.to()), scope.orderId(), dryRun, utc(startedAt))));
    }

    public void finishRebuild(String id, int orders, long events, int rejected, long elapsedMs) {
        pool.preparedQuery("update ledger.rebuilds set finished_at = now(), orders = $2, events = $3, rejected = $4,"
                + " elapsed_ms = $5 where rebuild_id = $1")
                .executeAndAwait(Tuple.of(id, orders, events, rejected, elapsedMs));
    }

    public Optional<RebuildRow> rebuild(String id) {
        var it = pool.preparedQuery("select rebuild_id, scope, range_from, range_to, order_id, dry_run, started_at,"
                + " finished_at, orders, events, rejected, elapsed_ms, swapped_at, swapped from ledger.rebuilds"
                + " where rebuild_id = $1").executeAndAwait(Tuple.of(id)).iterator();
        if (!it.hasNext()) {
            return Optional.empty();
        }
        Row r = it.next();
        return Optional.of(new RebuildRow(r.getString(0),
                new ReplayScope(r.getString(1), instant(r.getOffsetDateTime(2)), instant(r.getOffsetDateTime(3)),
                        r.getString(4)),
                r.getBoolean(5), instant(r.getOffsetDateTime(6)), instant(r.getOffsetDateTime(7)), r.getInteger(8),
                r.getLong(9), r.getInteger(10), r.getLong(11), instant(r.getOffsetDateTime(12)), r.getInteger(13)));
    }

    /** Writes folded orders into the shadow projection of a rebuild, one statement per page. */
    public void writeShadow(String rebuildId, List<OrderReplay.Folded> folded) {
        if (folded.isEmpty()) {
            return;
        }
        List<OrderState> states = folded.stream().map(OrderReplay.Folded::state).toList();
        Tuple rows = Tuple.tuple(Arrays.asList(
                states.stream().map(OrderState::orderId).toArray(String[]::new),
                states.stream().map(OrderState::clientId).toArray(String[]::new),
                states.stream().map(OrderState::orderReferenceId).toArray(String[]::new),
                states.stream().map(s -> s.status() == null ? null : s.status().wireName()).toArray(String[]::new),
                states.stream().map(OrderState::refusalReasonCode).toArray(String[]::new),
                states.stream().map(s -> utcOrNull(s.receivedAt())).toArray(OffsetDateTime[]::new),
                states.stream().map(s -> utcOrNull(s.updatedAt())).toArray(OffsetDateTime[]::new),
                states.stream().map(ReplayStore::toJson).toArray(String[]::new),
                states.stream().map(ReplayStore::country).toArray(String[]::new),
                // the same rule as LedgerRepository's projection: set while created and unconfirmed
                states.stream().map(s -> s.awaitsHandover() ? utc(s.production().requestedAt()) : null)
                        .toArray(OffsetDateTime[]::new),
                folded.stream().map(OrderReplay.Folded::lastSeq).toArray(Long[]::new),
                rebuildId));
        pool.preparedQuery("insert into ledger.orders_rebuild (order_id, client_id, order_reference_id, status,"
                + " refusal_reason_code, received_at, updated_at, state, country, handover_since, last_seq,"
                + " rebuild_id) select v.order_id, v.client_id, v.reference, v.status, v.refusal_code,"
                + " v.received_at, v.updated_at, v.state::jsonb, v.country, v.handover_since, v.last_seq, $12"
                // the state travels as text: a String bound to a jsonb parameter would be stored as a JSON string
                + " from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[],"
                + " $7::timestamptz[], $8::text[], $9::text[], $10::timestamptz[], $11::bigint[])"
                + " as v(order_id, client_id, reference, status, refusal_code, received_at, updated_at, state,"
                + " country, handover_since, last_seq)")
                .executeAndAwait(rows);
    }

    /** The columns a rebuild compares (the whole projection row but the key). */
    private static final List<String> COLUMNS = List.of("client_id", "order_reference_id", "status",
            "refusal_reason_code", "received_at", "updated_at", "state", "country", "handover_since");

    /**
     * One order whose rebuilt row differs from the live one: {@code fields} the differing columns; {@code liveSeq}
     * the live log's last event of the order, {@code rebuiltSeq} the last one the rebuild folded ({@code stale} when
     * they differ: events arrived since the rebuild read the log).
     */
    public record Difference(String orderId, String liveStatus, String rebuiltStatus, List<String> fields,
            long liveSeq, long rebuiltSeq, boolean stale) {}

    /** Every order of the rebuild's scope whose live projection differs from the rebuilt one. */
    public List<Difference> differences(RebuildRow rebuild) {
        ReplayScope scope = rebuild.scope();
        StringBuilder fields = new StringBuilder("array_remove(array[");
        for (int i = 0; i < COLUMNS.size(); i++) {
            String c = COLUMNS.get(i);
            fields.append(i == 0 ? "" : ", ").append("case when o.").append(c).append(" is distinct from r.")
                    .append(c).append(" then '").append(c).append("' end");
        }
        fields.append("], null)");
        List<Object> params = new ArrayList<>();
        params.add(rebuild.id());
        params.addAll(scope.params());
        String sql = "select coalesce(r.order_id, o.order_id) as id, o.status, r.status, " + fields
                + ", coalesce((select max(log_seq) from ledger.event_log e"
                + " where e.order_id = coalesce(r.order_id, o.order_id)), 0), coalesce(r.last_seq, 0), o.order_id"
                + " from (select * from ledger.orders_rebuild where rebuild_id = $1) r"
                + " full join (select * from ledger.orders where " + scope.sql("order_id", 2)
                + " and order_id in (select order_id from ledger.event_log)) o on o.order_id = r.order_id"
                + " where r.order_id is null or o.order_id is null"
                + " or row(o." + String.join(", o.", COLUMNS) + ") is distinct from row(r."
                + String.join(", r.", COLUMNS) + ") order by 1";
        List<Difference> found = new ArrayList<>();
        for (Row row : pool.preparedQuery(sql).executeAndAwait(Tuple.from(params))) {
            List<String> differing = row.getString(6) == null
                    ? List.of("missing in live projection")
                    : row.getLong(5) == 0
                            ? List.of("missing in rebuild")
                            : Arrays.asList(row.getArrayOfStrings(3));
            long liveSeq = row.getLong(4);
            long rebuiltSeq = row.getLong(5);
            found.add(new Difference(row.getString(0), row.getString(1), row.getString(2), differing, liveSeq,
                    rebuiltSeq, liveSeq != rebuiltSeq));
        }
        return found;
    }

    /**
     * Replaces the live rows of these orders by their rebuilt ones, in one transaction, and answers how many rows it
     * replaced. Each live row is locked first: the live apply locks the same row before it logs an event, so once
     * locked no event of that order can arrive, and a row is replaced only when the rebuild folded the order's last
     * logged event (else it is stale and left alone, and a newer rebuild will pick it up). The outbox is untouched.
     */
    public Uni<Integer> swap(String rebuildId, List<String> orderIds) {
        String[] ids = orderIds.stream().sorted().toArray(String[]::new);
        String set = String.join(", ", COLUMNS.stream().map(c -> c + " = r." + c).toList());
        String current = " and r.last_seq = (select max(log_seq) from ledger.event_log e"
                + " where e.order_id = r.order_id)";
        return pool.withTransaction(conn -> conn
                .preparedQuery("select order_id from ledger.orders where order_id = any($1)"
                        + " order by order_id for update")
                .execute(Tuple.of((Object) ids))
                .flatMap(x -> conn.preparedQuery("update ledger.orders o set " + set
                        + " from ledger.orders_rebuild r where r.rebuild_id = $1 and r.order_id = any($2)"
                        + " and o.order_id = r.order_id" + current)
                        .execute(Tuple.of(rebuildId, ids)))
                // an order the live projection lacks (its row was deleted): inserted; a live apply that creates
                // the row meanwhile wins, and the row stays as the live fold made it
                .flatMap(updated -> conn.preparedQuery("insert into ledger.orders (order_id, "
                        + String.join(", ", COLUMNS) + ") select r.order_id, r." + String.join(", r.", COLUMNS)
                        + " from ledger.orders_rebuild r where r.rebuild_id = $1 and r.order_id = any($2)" + current
                        + " on conflict (order_id) do nothing")
                        .execute(Tuple.of(rebuildId, ids))
                        .map(inserted -> updated.rowCount() + inserted.rowCount()))
                .flatMap(swapped -> conn.preparedQuery("update ledger.rebuilds set swapped_at = now(),"
                        + " swapped = $2 where rebuild_id = $1").execute(Tuple.of(rebuildId, swapped))
                        .map(x -> swapped)));
    }

    private static String country(OrderState state) {
        return state.order() == null || state.order().shippingAddress() == null
                ? null
                : state.order().shippingAddress().country();
    }

    static String toJson(OrderState state) {
        try {
            return MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize state of " + state.orderId(), e);
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static OffsetDateTime utcOrNull(Instant instant) {
        return instant == null ? null : utc(instant);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
