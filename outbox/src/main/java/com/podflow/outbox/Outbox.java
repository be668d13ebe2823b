package com.podflow.outbox;

import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;

/**
 * The write side of a transactional outbox: events are inserted in the caller's database transaction, together with
 * the state change they describe, and an {@link OutboxRelay} publishes them afterwards. So a crash between the commit
 * and the Kafka send loses nothing, and a broker outage never fails the business write. Each service creates the table
 * in its own schema (its Flyway migration) and names it once, in {@code outbox.table}; {@link OutboxService} is the
 * bean services use.
 */
public final class Outbox {
    private final String insert;

    /** @param table the outbox table, schema-qualified (e.g. {@code intake.outbox}) */
    public Outbox(String table) {
        // one statement for any number of events; ordinality keeps their order in the ids the relay publishes by
        this.insert = "insert into " + table + " (topic, record_key, event_id, payload)"
                + " select $1, k, i, p from unnest($2::text[], $3::text[], $4::text[]) with ordinality as e(k, i, p, n)"
                + " order by n";
    }

    /** Adds one event, keyed by its order id, in the transaction of {@code tx}. */
    public Uni<Void> append(SqlClient tx, String topic, EventEnvelope envelope) {
        return appendAll(tx, topic, List.of(envelope));
    }

    /** Adds events in the given order; the relay publishes them in that order. */
    public Uni<Void> appendAll(SqlClient tx, String topic, List<EventEnvelope> envelopes) {
        if (envelopes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(insert)
                .execute(Tuple.of(topic, envelopes.stream().map(EventEnvelope::key).toArray(String[]::new),
                        envelopes.stream().map(EventEnvelope::id).toArray(String[]::new),
                        envelopes.stream().map(EventCodec::encode).toArray(String[]::new)))
                .replaceWithVoid();
    }
}
