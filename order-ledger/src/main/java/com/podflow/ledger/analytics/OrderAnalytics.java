package com.podflow.ledger.analytics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import com.podflow.support.api.ApiError;
import com.podflow.support.api.ApiException;

/**
 * Order analytics from the live projection (issue 11 item 10): per day of receipt (UTC), over one client or all.
 * An order counts on the day it was received; {@code created} counts orders that reached created (whatever happened
 * later), {@code failed}/{@code canceled} orders that are in that status now. Durations come from each order's status
 * history: time in a status is the time until the next status (a status the order is still in is not counted), in
 * seconds, p50/p95 by PostgreSQL's percentile_cont. Blocking.
 */
@ApplicationScoped
public class OrderAnalytics {
    /** The longest range one question may cover. */
    static final int MAX_DAYS = 366;

    private final Pool pool;

    public OrderAnalytics(Pool pool) {
        this.pool = pool;
    }

    public record Day(LocalDate day, long received, long created, long failed, long canceled, Double successRate) {}

    public record Percentiles(long count, Double p50Seconds, Double p95Seconds) {}

    /**
     * The answer: {@code successRate} = created / (created + failed) among the period's orders (null when none was
     * decided yet); {@code failuresByRefusalCode} over the failed orders; {@code receivedToCreated} and
     * {@code timeInStatus} (per status) in seconds.
     */
    public record Report(String clientId, LocalDate from, LocalDate to, long received, long created, long failed,
            long canceled, Double successRate, List<Day> days, Map<String, Long> failuresByRefusalCode,
            Percentiles receivedToCreated, Map<String, Percentiles> timeInStatus) {}

    /** The analytics of {@code clientId} (null: every client) for the days {@code from} to {@code to}, inclusive. */
    public Report report(String clientId, LocalDate from, LocalDate to) {
        if (from == null) {
            throw bad("from", "is required (a date, YYYY-MM-DD)");
        }
        if (to == null) {
            throw bad("to", "is required (a date, YYYY-MM-DD)");
        }
        if (to.isBefore(from)) {
            throw bad("to", "must not be before 'from'");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw bad("to", "the range may cover at most " + MAX_DAYS + " days");
        }
        // two shapes rather than "($3 is null or client_id = $3)", so each can use its index (V2's
        // orders_client_received for one client, V6's orders_received for all)
        String where = " from ledger.orders o where o.status is not null and o.received_at >= $1"
                + " and o.received_at < $2" + (clientId == null ? "" : " and o.client_id = $3");
        Tuple params = clientId == null
                ? Tuple.of(start(from), start(to.plusDays(1)))
                : Tuple.of(start(from), start(to.plusDays(1)), clientId);
        String reachedCreated = "o.state -> 'statusHistory' @> '[{\"status\": \"created\"}]'";

        List<Day> days = new ArrayList<>();
        long received = 0, created = 0, failed = 0, canceled = 0;
        for (Row r : pool.preparedQuery("select (o.received_at at time zone 'UTC')::date, count(*),"
                + " count(*) filter (where " + reachedCreated + "), count(*) filter (where o.status = 'failed'),"
                + " count(*) filter (where o.status = 'canceled')" + where + " group by 1 order by 1")
                .executeAndAwait(params)) {
            Day day = new Day(r.getLocalDate(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4),
                    rate(r.getLong(2), r.getLong(3)));
            days.add(day);
            received += day.received();
            created += day.created();
            failed += day.failed();
            canceled += day.canceled();
        }

        Map<String, Long> failures = new LinkedHashMap<>();
        for (Row r : pool.preparedQuery("select coalesce(o.refusal_reason_code, 'unknown'), count(*)" + where
                + " and o.status = 'failed' group by 1 order by 2 desc, 1").executeAndAwait(params)) {
            failures.put(r.getString(0), r.getLong(1));
        }

        // the first time each order entered a status, and how long each stay lasted (until the next entry)
        String history = "with h as (select o.order_id, e ->> 'status' as status, (e ->> 'at')::timestamptz as at,"
                + " n" + where.replace(" from ledger.orders o where",
                        " from ledger.orders o, jsonb_array_elements(o.state -> 'statusHistory')"
                                + " with ordinality as x(e, n) where")
                + ")";
        Percentiles toCreated = null;
        for (Row r : pool.preparedQuery(history + ", t as (select extract(epoch from"
                + " min(at) filter (where status = 'created') - min(at) filter (where status = 'received')) as s"
                + " from h group by order_id) select count(s), percentile_cont(0.5) within group (order by s),"
                + " percentile_cont(0.95) within group (order by s) from t where s is not null")
                .executeAndAwait(params)) {
            toCreated = new Percentiles(r.getLong(0), r.getDouble(1), r.getDouble(2));
        }
        Map<String, Percentiles> inStatus = new LinkedHashMap<>();
        for (Row r : pool.preparedQuery(history + ", d as (select status, extract(epoch from"
                + " lead(at) over (partition by order_id order by n) - at) as s from h)"
                + " select status, count(s), percentile_cont(0.5) within group (order by s),"
                + " percentile_cont(0.95) within group (order by s) from d where s is not null"
                + " group by status order by status").executeAndAwait(params)) {
            inStatus.put(r.getString(0), new Percentiles(r.getLong(1), r.getDouble(2), r.getDouble(3)));
        }
        return new Report(clientId, from, to, received, created, failed, canceled, rate(created, failed), days,
                failures, toCreated, inStatus);
    }

    private static Double rate(long created, long failed) {
        return created + failed == 0 ? null : Math.round(10000.0 * created / (created + failed)) / 10000.0;
    }

    private static OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private static ApiException bad(String field, String message) {
        return new ApiException(400, "Invalid request: '" + field + "' " + message,
                List.of(new ApiError.FieldError(field, "invalid_field", message)), null);
    }
}
