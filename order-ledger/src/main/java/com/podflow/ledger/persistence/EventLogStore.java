package com.podflow.ledger.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads the event log (written by {@link LedgerRepository}) of one order, in the order the ledger recorded it. */
@ApplicationScoped
public class EventLogStore {
    private final Pool pool;

    public EventLogStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * One recorded event; {@code partition}, {@code offset} and {@code producer} are null for rows written before V5
     * (and the position for the ledger's own timer events).
     */
    public record Recorded(long seq, String eventId, String type, String topic, Integer partition, Long offset,
            String producer, Instant occurredAt, Instant recordedAt, String payload) {}

    public Uni<List<Recorded>> ofOrder(String orderId) {
        return pool.preparedQuery("select log_seq, event_id, type, topic, kafka_partition, kafka_offset, producer,"
                + " occurred_at, recorded_at, payload from ledger.event_log where order_id = $1 order by log_seq")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    List<Recorded> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new Recorded(row.getLong(0), row.getString(1), row.getString(2), row.getString(3),
                                row.getInteger(4), row.getLong(5), row.getString(6),
                                row.getOffsetDateTime(7).toInstant(), row.getOffsetDateTime(8).toInstant(),
                                row.getString(9)));
                    }
                    return list;
                });
    }
}
