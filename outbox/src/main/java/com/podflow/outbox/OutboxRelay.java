package com.podflow.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import com.podflow.events.EventCodec;

/**
 * Publishes outbox rows to Kafka in insertion order and deletes them once the broker acknowledged them, in one
 * database transaction. One relay at a time per table holds a PostgreSQL advisory lock, so several replicas never
 * publish one order's events out of order. A row is published at least once: consumers de-duplicate by event id.
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Pool pool;
    private final String table;
    private final Producer<String, String> producer;
    private final Duration idlePoll;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Thread thread;
    /** Rows waiting and the age of the oldest, refreshed every {@link #STATS_EVERY} (gauges read these). */
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private final Counter published;
    private long statsDue = System.nanoTime();
    private static final Duration STATS_EVERY = Duration.ofSeconds(5);

    public OutboxRelay(Pool pool, String table, Producer<String, String> producer, Duration idlePoll, int batchSize) {
        this.pool = pool;
        this.table = table;
        this.producer = producer;
        this.idlePoll = idlePoll;
        this.batchSize = batchSize;
        MeterRegistry registry = Metrics.globalRegistry;
        Gauge.builder("podflow.outbox.backlog", backlog, AtomicLong::get).tag("table", table)
                .description("outbox rows not yet published").register(registry);
        Gauge.builder("podflow.outbox.oldest.age", oldestAgeMillis, a -> a.get() / 1000.0).tag("table", table)
                .baseUnit("seconds").description("age of the oldest unpublished outbox row").register(registry);
        this.published = Counter.builder("podflow.outbox.published").tag("table", table)
                .description("outbox rows published and acknowledged by the broker").register(registry);
    }

    /** A producer set up for the relay: idempotent, all in-sync replicas, bounded blocking when the broker is down. */
    public static Producer<String, String> producer(String bootstrapServers, String clientId) {
        Map<String, Object> config = new HashMap<>(producerSettings(clientId));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** The relay's durability and timing settings, on top of the connection settings of the service. */
    static Map<String, Object> producerSettings(String clientId) {
        return Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    }

    /** Starts the relay thread. */
    public void start() {
        if (running.compareAndSet(false, true)) {
            thread = new Thread(this::run, "outbox-relay-" + table);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Asks the relay to look at the table now instead of at its next poll (call after a commit that added rows). */
    public void wakeUp() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        while (running.get()) {
            try {
                int published = publishBatch().await().atMost(Duration.ofSeconds(60));
                this.published.increment(published);
                refreshStats();
                backoff = Duration.ofMillis(100);
                if (published < batchSize) {
                    LockSupport.parkNanos(idlePoll.toNanos());
                }
            } catch (RuntimeException e) {
                if (!running.get()) {
                    return;
                }
                LOG.warnf("outbox %s: publishing failed, retrying in %d ms: %s", table, backoff.toMillis(),
                        e.getMessage());
                LockSupport.parkNanos(backoff.toNanos());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** Every few seconds: how many rows wait and since when (one index-only count; the table is small when healthy). */
    private void refreshStats() {
        long now = System.nanoTime();
        if (now - statsDue < 0) {
            return;
        }
        statsDue = now + STATS_EVERY.toNanos();
        Row row = pool.query("select count(*), coalesce(extract(epoch from now() - min(created_at)) * 1000, 0) from "
                + table).execute().await().atMost(Duration.ofSeconds(10)).iterator().next();
        backlog.set(row.getLong(0));
        oldestAgeMillis.set(row.getNumeric(1).longValue());
    }

    /** Publishes up to one batch; returns how many rows it published (0 when another relay holds the lock). */
    public Uni<Integer> publishBatch() {
        return pool.withTransaction(conn -> conn
                .preparedQuery("select pg_try_advisory_xact_lock(hashtext($1))")
                .execute(Tuple.of(table))
                .flatMap(
                        lock -> lock.iterator().next().getBoolean(0) ? publishLocked(conn) : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publishLocked(SqlConnection conn) {
        return conn.preparedQuery("select id, topic, record_key, payload from " + table + " order by id limit $1")
                .execute(Tuple.of(batchSize))
                .flatMap(rows -> {
                    List<Long> ids = new ArrayList<>();
                    List<Uni<Void>> sends = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getLong("id"));
                        sends.add(send(row.getString("topic"), row.getString("record_key"),
                                row.getString("payload")));
                    }
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    producer.flush();
                    return Uni.join().all(sends).andFailFast()
                            .flatMap(sent -> conn.preparedQuery("delete from " + table + " where id = any($1)")
                                    .execute(Tuple.of(ids.toArray(new Long[0]))))
                            .map(deleted -> ids.size());
                });
    }

    private Uni<Void> send(String topic, String key, String payload) {
        var record = new ProducerRecord<>(topic, key, payload);
        record.headers().add("content-type", EventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return Uni.createFrom().emitter(emitter -> producer.send(record, (metadata, error) -> {
            if (error == null) {
                emitter.complete(null);
            } else {
                emitter.fail(error);
            }
        }));
    }

    @Override
    public void close() {
        running.set(false);
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
    }
}
