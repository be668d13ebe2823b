package com.podflow.notification.persistence;

import java.time.Duration;
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

/**
 * The deliveries still to make, counted every {@link #EVERY}: {@code podflow.notification.deliveries.pending{state}}
 * with {@code state=pending} (not tried yet, or rescheduled by an operator) and {@code state=failing} (its last attempt
 * failed and it waits for a retry), and {@code podflow.notification.deliveries.oldest.age} (seconds since the oldest
 * pending delivery was created; 0 when none). Both read the partial index on pending rows. A failed count keeps the
 * last figures.
 */
@ApplicationScoped
public class DeliveryGauges {
    private static final Logger LOG = Logger.getLogger(DeliveryGauges.class);
    static final Duration EVERY = Duration.ofSeconds(10);

    private final Pool pool;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong failing = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "delivery-gauges");
        thread.setDaemon(true);
        return thread;
    });

    public DeliveryGauges(Pool pool) {
        this.pool = pool;
        Gauge.builder("podflow.notification.deliveries.pending", pending, AtomicLong::get).tag("state", "pending")
                .description("deliveries waiting for their first attempt").register(Metrics.globalRegistry);
        Gauge.builder("podflow.notification.deliveries.pending", failing, AtomicLong::get).tag("state", "failing")
                .description("deliveries whose last attempt failed, waiting for a retry")
                .register(Metrics.globalRegistry);
        Gauge.builder("podflow.notification.deliveries.oldest.age", oldestAgeMillis, a -> a.get() / 1000.0)
                .baseUnit("seconds").description("age of the oldest pending delivery")
                .register(Metrics.globalRegistry);
    }

    void start(@Observes StartupEvent event) {
        timer.scheduleWithFixedDelay(this::refresh, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }

    /** Counts again. */
    public void refresh() {
        try {
            Row row = pool.query("select count(*) filter (where attempts = 0), count(*) filter (where attempts > 0),"
                    + " coalesce(extract(epoch from now() - min(created_at)) * 1000, 0)::bigint"
                    + " from notification.deliveries where state = 'pending'")
                    .execute().await().atMost(Duration.ofSeconds(30)).iterator().next();
            pending.set(row.getLong(0));
            failing.set(row.getLong(1));
            oldestAgeMillis.set(row.getLong(2));
        } catch (RuntimeException e) {
            LOG.debugf("delivery gauges not refreshed: %s", e.toString());
        }
    }
}
