package com.podflow.ledger.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

import com.podflow.ledger.persistence.StalledRepository;

/**
 * The ledger's on-call gauges, counted in PostgreSQL every {@link #EVERY} (and the stalled count again after each
 * stall check): {@code podflow.ledger.stalled.orders} (the orders {@code GET /internal/stalled} would list) and
 * {@code podflow.dead.letters.parked{topic}} (dead letters still parked, per source topic; a topic whose last one was
 * replayed or resolved reads 0). A failed count keeps the last figures and is logged at debug level: a database outage
 * shows in readiness and the request metrics already.
 */
@ApplicationScoped
public class LedgerGauges {
    private static final Logger LOG = Logger.getLogger(LedgerGauges.class);
    static final Duration EVERY = Duration.ofSeconds(10);

    private final Pool pool;
    private final StalledRepository stalled;
    private final AtomicLong stalledOrders = new AtomicLong();
    private final Map<String, AtomicLong> parked = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    public LedgerGauges(Pool pool, StalledRepository stalled) {
        this.pool = pool;
        this.stalled = stalled;
        Gauge.builder("podflow.ledger.stalled.orders", stalledOrders, AtomicLong::get)
                .description("orders flagged stalled in their current status, or overdue at handover")
                .register(Metrics.globalRegistry);
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ledger-gauges");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::refresh, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Counts the stalled orders again (the stall check calls this after each round). */
    public void refreshStalled() {
        try {
            stalledOrders.set(stalled.countStalled().await().atMost(Duration.ofSeconds(30)));
        } catch (RuntimeException e) {
            LOG.debugf("stalled-orders gauge not refreshed: %s", e.toString());
        }
    }

    /** Counts the parked dead letters per source topic again. */
    public void refreshParked() {
        try {
            Map<String, Long> counts = new HashMap<>();
            for (Row row : pool.query("select coalesce(source_topic, dlq_topic), count(*) from ledger.dead_letters"
                    + " where status = 'parked' group by 1").execute().await().atMost(Duration.ofSeconds(30))) {
                counts.put(row.getString(0), row.getLong(1));
            }
            parked.forEach((topic, count) -> count.set(counts.getOrDefault(topic, 0L)));
            counts.forEach((topic, count) -> parked.computeIfAbsent(topic, t -> {
                AtomicLong value = new AtomicLong();
                Gauge.builder("podflow.dead.letters.parked", value, AtomicLong::get).tag("topic", t)
                        .description("dead-letter records parked (neither replayed nor resolved), per source topic")
                        .register(Metrics.globalRegistry);
                return value;
            }).set(count));
        } catch (RuntimeException e) {
            LOG.debugf("parked-dead-letters gauge not refreshed: %s", e.toString());
        }
    }

    void refresh() {
        refreshStalled();
        refreshParked();
    }
}
