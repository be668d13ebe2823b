package com.podflow.outbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

import com.podflow.events.EventEnvelope;

/**
 * A service's transactional outbox as one bean: {@link #appendAll} writes events in the caller's transaction, and the
 * relay publishes them. The table is named once, in {@code outbox.table}; the relay's Kafka producer takes every
 * {@code kafka.*} setting of the service (bootstrap servers, TLS, SASL), so it reaches the same cluster the service's
 * consumers do.
 */
@ApplicationScoped
public class OutboxService {
    private final String table;
    private final Outbox outbox;
    private final OutboxRelay relay;

    public OutboxService(Pool pool, Config config, @ConfigProperty(name = "outbox.table") String table,
            @ConfigProperty(name = "outbox.client-id", defaultValue = "outbox-relay") String clientId,
            @ConfigProperty(name = "outbox.poll-ms", defaultValue = "500") long pollMs,
            @ConfigProperty(name = "outbox.batch-size", defaultValue = "500") int batchSize) {
        this.table = table;
        this.outbox = new Outbox(table);
        this.relay = new OutboxRelay(pool, table, producer(config, clientId), Duration.ofMillis(pollMs), batchSize);
    }

    /** Every {@code kafka.*} property of the service, plus the relay's own durability settings. */
    static Producer<String, String> producer(Config config, String clientId) {
        Map<String, Object> settings = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> settings.put(name.substring(6), v));
            }
        }
        settings.putAll(OutboxRelay.producerSettings(clientId));
        settings.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        settings.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }

    void start(@Observes StartupEvent event) {
        relay.start();
    }

    void stop(@Observes ShutdownEvent event) {
        relay.close();
    }

    /** Adds one event in the transaction of {@code tx}. */
    public Uni<Void> append(SqlClient tx, String topic, EventEnvelope envelope) {
        return outbox.append(tx, topic, envelope);
    }

    /** Adds events in the given order in the transaction of {@code tx}; the relay publishes them in that order. */
    public Uni<Void> appendAll(SqlClient tx, String topic, List<EventEnvelope> envelopes) {
        return outbox.appendAll(tx, topic, envelopes);
    }

    /**
     * The outbox table ({@code outbox.table}), for a service that writes its row in the same statement as its state
     * (columns {@code topic, record_key, event_id, payload}; the payload is {@code EventCodec.encode} of the envelope).
     */
    public String table() {
        return table;
    }

    /** Publish now: call after a transaction that added rows committed. */
    public void wakeUp() {
        relay.wakeUp();
    }
}
