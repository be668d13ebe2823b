package com.podflow.notification.persistence;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import com.podflow.notification.domain.DeliveryAttempt;
import com.podflow.notification.domain.DeliveryOutcome;

/**
 * The postback log ({@code notification.postback_log}), one row per event id: the row is both the record of the
 * attempt and the consumer's memory of which events it has handled.
 */
@ApplicationScoped
public class PostbackLog {
    private final Pool pool;

    public PostbackLog(Pool pool) {
        this.pool = pool;
    }

    public Uni<Boolean> contains(String eventId) {
        return pool.preparedQuery("select 1 from notification.postback_log where event_id = $1")
                .execute(Tuple.of(eventId))
                .map(rows -> rows.size() > 0);
    }

    /** Records an attempt; false when a row for the event already exists (which is then left as it is). */
    public Uni<Boolean> record(DeliveryAttempt attempt) {
        return pool.preparedQuery("insert into notification.postback_log (event_id, client_id, order_id, url, payload,"
                + " outcome, status_code, response_excerpt, error, duration_ms, attempted_at)"
                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (event_id) do nothing")
                .execute(Tuple.from(Arrays.asList(attempt.eventId(), attempt.clientId(), attempt.orderId(),
                        attempt.url(), attempt.payload(), attempt.outcome().wireName(), attempt.statusCode(),
                        attempt.responseExcerpt(), attempt.error(), attempt.durationMs(),
                        attempt.attemptedAt().atOffset(ZoneOffset.UTC))))
                .map(result -> result.rowCount() == 1);
    }

    /** A client's latest attempts, newest first. */
    public Uni<List<DeliveryAttempt>> latest(String clientId, int limit) {
        return pool.preparedQuery("select event_id, client_id, order_id, url, payload, outcome, status_code,"
                + " response_excerpt, error, duration_ms, attempted_at from notification.postback_log"
                + " where client_id = $1 order by attempted_at desc, event_id limit $2")
                .execute(Tuple.of(clientId, limit))
                .map(rows -> {
                    List<DeliveryAttempt> attempts = new ArrayList<>();
                    for (Row row : rows) {
                        attempts.add(attempt(row));
                    }
                    return attempts;
                });
    }

    private static DeliveryAttempt attempt(Row row) {
        return new DeliveryAttempt(row.getString("event_id"), row.getString("client_id"), row.getString("order_id"),
                row.getString("url"), row.getString("payload"), DeliveryOutcome.fromWireName(row.getString("outcome")),
                row.getInteger("status_code"), row.getString("response_excerpt"), row.getString("error"),
                row.getLong("duration_ms"), row.getOffsetDateTime("attempted_at").toInstant());
    }
}
