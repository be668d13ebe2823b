package com.podflow.notification.persistence;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import com.podflow.notification.config.NotificationConfig;

/**
 * Keeps the delivery log bounded: every hour, deliveries that ended (delivered, failed, no target) longer ago than
 * {@code notification.delivery-retention} are deleted with their attempts, in slices so that no statement runs long.
 * Pending deliveries are never deleted, however old. The record of handled events ({@code handled_events}, one small
 * row per status change) is kept: it is what stops a replayed status change from being sent twice.
 */
@ApplicationScoped
public class DeliveryRetention {
    private static final Logger LOG = Logger.getLogger(DeliveryRetention.class);
    private static final int SLICE = 5_000;

    private final Pool pool;
    private final Duration retention;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "delivery-retention");
        thread.setDaemon(true);
        return thread;
    });

    public DeliveryRetention(Pool pool, NotificationConfig config) {
        this.pool = pool;
        this.retention = config.deliveryRetention();
    }

    void start(@Observes StartupEvent event) {
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, 5, 60, TimeUnit.MINUTES);
    }

    void stop(@Observes ShutdownEvent event) {
        sweeper.shutdownNow();
    }

    /** Deletes deliveries that ended before {@code now - retention}, and their attempts; answers how many. */
    public long sweep(Duration retention) {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(retention);
        long deleted = 0;
        int slice;
        do {
            slice = pool.withTransaction(conn -> conn
                    .preparedQuery("select id from notification.deliveries where state <> 'pending'"
                            + " and completed_at < $1 order by completed_at limit " + SLICE + " for update skip locked")
                    .execute(Tuple.of(cutoff))
                    .flatMap(rows -> {
                        List<Long> ids = new ArrayList<>();
                        for (Row row : rows) {
                            ids.add(row.getLong("id"));
                        }
                        Long[] array = ids.toArray(Long[]::new);
                        return conn.preparedQuery("delete from notification.delivery_attempts"
                                + " where delivery_id = any($1)").execute(Tuple.of(array))
                                .flatMap(x -> conn.preparedQuery("delete from notification.deliveries"
                                        + " where id = any($1)").execute(Tuple.of(array)))
                                .map(done -> done.rowCount());
                    }))
                    .await().atMost(Duration.ofMinutes(1));
            deleted += slice;
        } while (slice == SLICE);
        return deleted;
    }

    private void sweepQuietly() {
        try {
            long deleted = sweep(retention);
            if (deleted > 0) {
                LOG.infof("delivery log: %d deliveries that ended more than %s ago deleted", deleted, retention);
            }
        } catch (RuntimeException e) {
            LOG.warnf("delivery log: the retention sweep failed (it runs again in an hour): %s", e.toString());
        }
    }
}
