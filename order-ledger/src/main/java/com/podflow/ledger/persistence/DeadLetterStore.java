package com.podflow.ledger.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The dead-letter records of every {@code *.dlq} topic (table {@code ledger.dead_letters}, V5), written by the
 * dead-letter reader once per dead-letter topic position, read and updated by the support API.
 */
@ApplicationScoped
public class DeadLetterStore {
    /** What becomes of a parked record. */
    public enum Status {
        PARKED, REPLAYED, RESOLVED;

        public String wireName() {
            return name().toLowerCase();
        }

        public static Optional<Status> of(String wireName) {
            for (Status s : values()) {
                if (s.wireName().equals(wireName)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /** One header of the parked record, its value as UTF-8 text (null for a header without value). */
    public record Header(String name, String value) {}

    /** A record as read from a dead-letter topic. */
    public record Incoming(String dlqTopic, int dlqPartition, long dlqOffset, String sourceTopic,
            Integer sourcePartition, Long sourceOffset, String consumerGroup, String orderId, String reason,
            String cause, String exceptionClass, List<Header> headers, String payload) {}

    /** A stored dead-letter record. */
    public record DeadLetter(long id, String dlqTopic, int dlqPartition, long dlqOffset, String sourceTopic,
            Integer sourcePartition, Long sourceOffset, String consumerGroup, String orderId, String reason,
            String cause, String exceptionClass, List<Header> headers, String payload, Instant receivedAt,
            String status, int replayCount, Instant replayedAt, Instant resolvedAt) {}

    /** The filters of a listing; null means "any". {@code topic} matches the dead-letter or the source topic. */
    public record Query(String orderId, String topic, Status status, int limit) {}

    private static final String COLUMNS = "id, dlq_topic, dlq_partition, dlq_offset, source_topic, source_partition,"
            + " source_offset, consumer_group, order_id, reason, cause, exception_class, headers::text, payload,"
            + " received_at, status, replay_count, replayed_at, resolved_at";

    private final Pool pool;

    public DeadLetterStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores the records (a repeat of a dead-letter topic position is ignored); answers how many were new. */
    public Uni<Integer> store(List<Incoming> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Tuple> rows = records.stream().map(r -> Tuple.from(new Object[]{r.dlqTopic(), r.dlqPartition(),
                r.dlqOffset(), r.sourceTopic(), r.sourcePartition(), r.sourceOffset(), text(r.consumerGroup()),
                text(r.orderId()), text(r.reason()), text(r.cause()), text(r.exceptionClass()),
                headersJson(r.headers()), text(r.payload())})).toList();
        return pool.preparedQuery("insert into ledger.dead_letters (dlq_topic, dlq_partition, dlq_offset, source_topic,"
                + " source_partition, source_offset, consumer_group, order_id, reason, cause, exception_class,"
                + " headers, payload) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13)"
                + " on conflict (dlq_topic, dlq_partition, dlq_offset) do nothing")
                .executeBatch(rows)
                .map(result -> {
                    int inserted = 0;
                    for (var r = result; r != null; r = r.next()) {
                        inserted += r.rowCount();
                    }
                    return inserted;
                });
    }

    /** Newest first. */
    public Uni<List<DeadLetter>> list(Query query) {
        return pool.preparedQuery("select " + COLUMNS + " from ledger.dead_letters"
                + " where ($1::text is null or order_id = $1)"
                + " and ($2::text is null or dlq_topic = $2 or source_topic = $2)"
                + " and ($3::text is null or status = $3)"
                + " order by received_at desc, id desc limit $4")
                .execute(Tuple.of(query.orderId(), query.topic(),
                        query.status() == null ? null : query.status().wireName(), query.limit()))
                .map(DeadLetterStore::all);
    }

    public Uni<Optional<DeadLetter>> find(long id) {
        return pool.preparedQuery("select " + COLUMNS + " from ledger.dead_letters where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> all(rows).stream().findFirst());
    }

    /** The order's records still parked, oldest first (the order they were parked in). */
    public Uni<List<DeadLetter>> parked(String orderId) {
        return pool.preparedQuery("select " + COLUMNS + " from ledger.dead_letters where order_id = $1"
                + " and status = 'parked' order by received_at, id")
                .execute(Tuple.of(orderId))
                .map(DeadLetterStore::all);
    }

    /** Every record of the order, oldest first (the timeline). */
    public Uni<List<DeadLetter>> ofOrder(String orderId) {
        return pool.preparedQuery("select " + COLUMNS + " from ledger.dead_letters where order_id = $1"
                + " order by received_at, id")
                .execute(Tuple.of(orderId))
                .map(DeadLetterStore::all);
    }

    /** Marks a record re-published; answers it as it is now. */
    public Uni<Optional<DeadLetter>> markReplayed(long id) {
        return pool.preparedQuery("update ledger.dead_letters set status = 'replayed', replay_count = replay_count + 1,"
                + " replayed_at = now() where id = $1 returning " + COLUMNS)
                .execute(Tuple.of(id))
                .map(rows -> all(rows).stream().findFirst());
    }

    /** Marks a record resolved (an operator closed it); answers it as it is now. */
    public Uni<Optional<DeadLetter>> markResolved(long id) {
        return pool.preparedQuery("update ledger.dead_letters set status = 'resolved',"
                + " resolved_at = coalesce(resolved_at, now()) where id = $1 returning " + COLUMNS)
                .execute(Tuple.of(id))
                .map(rows -> all(rows).stream().findFirst());
    }

    private static List<DeadLetter> all(Iterable<Row> rows) {
        List<DeadLetter> list = new ArrayList<>();
        for (Row row : rows) {
            List<Header> headers = new ArrayList<>();
            JsonArray array = new JsonArray(row.getString(12));
            for (int i = 0; i < array.size(); i++) {
                JsonObject h = array.getJsonObject(i);
                headers.add(new Header(h.getString("name"), h.getString("value")));
            }
            list.add(new DeadLetter(row.getLong(0), row.getString(1), row.getInteger(2), row.getLong(3),
                    row.getString(4), row.getInteger(5), row.getLong(6), row.getString(7), row.getString(8),
                    row.getString(9), row.getString(10), row.getString(11), headers, row.getString(13),
                    instant(row.getOffsetDateTime(14)), row.getString(15), row.getInteger(16),
                    instant(row.getOffsetDateTime(17)), instant(row.getOffsetDateTime(18))));
        }
        return list;
    }

    /** A JSON array for the jsonb column (a Java String would be stored as one JSON string). */
    private static JsonArray headersJson(List<Header> headers) {
        JsonArray array = new JsonArray();
        for (Header h : headers) {
            array.add(new JsonObject().put("name", text(h.name())).put("value", text(h.value())));
        }
        return array;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** PostgreSQL text cannot hold U+0000, which a poison record may carry: it is kept as U+FFFD. */
    private static String text(String value) {
        return value == null ? null : value.replace('\u0000', '\uFFFD');
    }
}
