package com.podflow.intake.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import com.podflow.intake.config.IntakeConfig;

/**
 * The requests log. The API hands each finished request to {@link #record} and answers at once; a writer thread
 * inserts the waiting entries in batches every 200 ms, so the log costs a request one queue insert, not a database
 * round trip. The price: entries still waiting when the process is killed (at most 200 ms worth) are lost, and when the
 * database cannot keep up the queue fills and further entries are dropped and counted (a warning says how many). A
 * sweep deletes entries older than the retention every hour.
 */
@ApplicationScoped
public class RequestLog {
    private static final Logger LOG = Logger.getLogger(RequestLog.class);
    private static final int BATCH = 500;
    private static final int SWEEP_BATCH = 10_000;
    private static final int ATTEMPTS = 5;
    private static final String COLUMNS = "id, request_id, client_id, key_id, method, path, status, duration_ms,"
            + " received_at, order_id, customer_reference_id";

    private final Pool pool;
    private final IntakeConfig.Requests config;
    private final BlockingQueue<Entry> pending;
    private final AtomicLong dropped = new AtomicLong();
    private final List<Entry> unwritten = new ArrayList<>();
    private int failedAttempts;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "request-log-writer");
        thread.setDaemon(true);
        return thread;
    });

    public RequestLog(Pool pool, IntakeConfig config) {
        this.pool = pool;
        this.config = config.requests();
        this.pending = new ArrayBlockingQueue<>(this.config.queueCapacity());
        Gauge.builder("podflow.requests.log.dropped", dropped, AtomicLong::get)
                .description("requests-log entries dropped (queue full or unwritable)")
                .register(Metrics.globalRegistry);
    }

    /** One API request as the log keeps it (bodies already redacted and cut to the configured length). */
    public record Entry(String id, String requestId, String clientId, String keyId, String method, String path,
            int status, int durationMs, Instant receivedAt, String orderId, String customerReferenceId,
            String requestBody, boolean requestBodyTruncated, String responseBody, boolean responseBodyTruncated,
            String templateOutput, String finalOrder) {

        /** An entry without channel stages (a plain API call). */
        public Entry(String id, String requestId, String clientId, String keyId, String method, String path,
                int status, int durationMs, Instant receivedAt, String orderId, String customerReferenceId,
                String requestBody, boolean requestBodyTruncated, String responseBody,
                boolean responseBodyTruncated) {
            this(id, requestId, clientId, keyId, method, path, status, durationMs, receivedAt, orderId,
                    customerReferenceId, requestBody, requestBodyTruncated, responseBody, responseBodyTruncated, null,
                    null);
        }
    }

    /** The filters of a listing; {@code null} means "any". Statuses are exact codes or classes (4 for 4xx). */
    public record Query(String clientId, Instant from, Instant to, List<Integer> statuses, List<Integer> statusClasses,
            String orderId, String customerReferenceId, String method, int limit, int offset) {}

    void start(@Observes StartupEvent event) {
        writer.scheduleWithFixedDelay(this::flushQuietly, 200, 200, TimeUnit.MILLISECONDS);
        writer.scheduleWithFixedDelay(this::sweepQuietly, 1, 60, TimeUnit.MINUTES);
    }

    void stop(@Observes ShutdownEvent event) {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly();
    }

    /** Queues a finished request for writing; never blocks and never fails the request. */
    public void record(Entry entry) {
        if (!pending.offer(entry)) {
            long count = dropped.incrementAndGet();
            if (count == 1 || count % 1000 == 0) {
                LOG.warnf("requests log: %d entries dropped so far (the writer cannot keep up; queue capacity %d)",
                        count, config.queueCapacity());
            }
        }
    }

    /**
     * Writes what is waiting now; the writer thread calls it every 200 ms (tests may call it to skip the wait). A batch
     * the database refused is tried again at the next flush, up to {@value #ATTEMPTS} times, so a short database outage
     * loses nothing that fits in the queue.
     */
    public synchronized void flush() {
        while (true) {
            if (unwritten.isEmpty() && pending.drainTo(unwritten, BATCH) == 0) {
                return;
            }
            try {
                pool.preparedQuery("insert into intake.requests (" + COLUMNS + ", request_body, request_body_truncated,"
                        + " response_body, response_body_truncated, template_output, final_order) values ($1, $2, $3,"
                        + " $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) on conflict (id) do nothing")
                        .executeBatch(unwritten.stream().map(RequestLog::row).toList())
                        .await().atMost(Duration.ofSeconds(30));
                unwritten.clear();
                failedAttempts = 0;
            } catch (RuntimeException e) {
                if (++failedAttempts >= ATTEMPTS) {
                    LOG.warnf("requests log: %d entries could not be written %d times and are dropped: %s",
                            unwritten.size(), ATTEMPTS, e.toString());
                    dropped.addAndGet(unwritten.size());
                    unwritten.clear();
                    failedAttempts = 0;
                }
                throw e;
            }
        }
    }

    /** Deletes entries older than the retention, in slices so that no statement runs long; answers how many. */
    public long sweep(Duration retention) {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(retention);
        long deleted = 0;
        int slice;
        do {
            slice = pool.preparedQuery("delete from intake.requests where id in (select id from intake.requests"
                    + " where received_at < $1 limit " + SWEEP_BATCH + ")")
                    .execute(Tuple.of(cutoff))
                    .await().atMost(Duration.ofMinutes(1))
                    .rowCount();
            deleted += slice;
        } while (slice == SWEEP_BATCH);
        return deleted;
    }

    /** A page of requests, newest first (ties broken by id, so pages do not overlap). */
    public Uni<List<Entry>> list(Query query) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where true");
        if (query.clientId() != null) {
            params.add(query.clientId());
            where.append(" and client_id = $").append(params.size());
        }
        if (query.from() != null) {
            params.add(OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
            where.append(" and received_at >= $").append(params.size());
        }
        if (query.to() != null) {
            params.add(OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
            where.append(" and received_at < $").append(params.size());
        }
        List<String> statusTerms = new ArrayList<>();
        for (Integer status : query.statuses()) {
            params.add(status);
            statusTerms.add("status = $" + params.size());
        }
        for (Integer statusClass : query.statusClasses()) {
            params.add(statusClass * 100);
            statusTerms.add("(status >= $" + params.size() + " and status < $" + params.size() + " + 100)");
        }
        if (!statusTerms.isEmpty()) {
            where.append(" and (").append(String.join(" or ", statusTerms)).append(")");
        }
        if (query.orderId() != null) {
            params.add(query.orderId());
            where.append(" and order_id = $").append(params.size());
        }
        if (query.customerReferenceId() != null) {
            params.add(query.customerReferenceId());
            where.append(" and customer_reference_id = $").append(params.size());
        }
        if (query.method() != null) {
            params.add(query.method());
            where.append(" and method = $").append(params.size());
        }
        String sql = "select " + COLUMNS + " from intake.requests" + where
                + " order by received_at desc, id desc limit " + query.limit() + " offset " + query.offset();
        return pool.preparedQuery(sql).execute(Tuple.from(params))
                .map(rows -> {
                    List<Entry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(summary(row));
                    }
                    return entries;
                });
    }

    /** One request with its bodies; only the client's own ({@code clientId} null: any, for operators). */
    public Uni<Optional<Entry>> find(String clientId, String id) {
        return pool.preparedQuery("select " + COLUMNS + ", request_body, request_body_truncated, response_body,"
                + " response_body_truncated, template_output, final_order from intake.requests where id = $1 and ($2::text is null or client_id = $2)")
                .execute(Tuple.of(id, clientId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row row = it.next();
                    Entry summary = summary(row);
                    return Optional.of(new Entry(summary.id(), summary.requestId(), summary.clientId(),
                            summary.keyId(), summary.method(), summary.path(), summary.status(), summary.durationMs(),
                            summary.receivedAt(), summary.orderId(), summary.customerReferenceId(),
                            row.getString("request_body"), row.getBoolean("request_body_truncated"),
                            row.getString("response_body"), row.getBoolean("response_body_truncated"),
                            row.getString("template_output"), row.getString("final_order")));
                });
    }

    private static Entry summary(Row row) {
        return new Entry(row.getString("id"), row.getString("request_id"), row.getString("client_id"),
                row.getString("key_id"), row.getString("method"), row.getString("path"), row.getInteger("status"),
                row.getInteger("duration_ms"), row.getOffsetDateTime("received_at").toInstant(),
                row.getString("order_id"), row.getString("customer_reference_id"), null, false, null, false);
    }

    private static Tuple row(Entry e) {
        return Tuple.from(new Object[]{e.id(), e.requestId(), e.clientId(), e.keyId(), e.method(), text(e.path()),
                e.status(), e.durationMs(), OffsetDateTime.ofInstant(e.receivedAt(), ZoneOffset.UTC), e.orderId(),
                text(e.customerReferenceId()), text(e.requestBody()), e.requestBodyTruncated(), text(e.responseBody()),
                e.responseBodyTruncated(), text(e.templateOutput()), text(e.finalOrder())});
    }

    /** PostgreSQL text cannot hold U+0000, which a badly encoded body may carry: it is shown as U+FFFD instead. */
    private static String text(String value) {
        return value == null ? null : value.replace('\u0000', '\uFFFD');
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.debugf("requests log: a batch could not be written (tried again shortly): %s", e.toString());
        }
    }

    private void sweepQuietly() {
        try {
            long deleted = sweep(config.retention());
            if (deleted > 0) {
                LOG.infof("requests log: %d entries older than %s deleted", deleted, config.retention());
            }
        } catch (RuntimeException e) {
            LOG.warnf("requests log: the retention sweep failed (it runs again in an hour): %s", e.toString());
        }
    }
}
