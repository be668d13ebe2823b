package com.podflow.ledger.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import com.podflow.ledger.persistence.DeadLetterStore;

/**
 * Re-publishes a parked record to its source topic: the same key, value and headers, minus the dead-letter headers
 * the parking added. Every consumer de-duplicates by event id, so a record that had been applied after all counts
 * once.
 */
@ApplicationScoped
public class DeadLetterPublisher {
    private final String bootstrapServers;
    private Producer<String, String> producer;

    public DeadLetterPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Completes with the new record's position once Kafka acknowledged it. */
    public Uni<RecordMetadata> republish(DeadLetterStore.DeadLetter parked) {
        if (parked.sourceTopic() == null) {
            throw new IllegalStateException("dead letter " + parked.id() + " does not name its source topic");
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(parked.sourceTopic(), parked.orderId(),
                parked.payload());
        for (DeadLetterStore.Header h : parked.headers()) {
            if (!h.name().startsWith("dead-letter-") && !h.name().startsWith("deserialization-failure")) {
                record.headers().add(h.name(), h.value() == null ? null : h.value().getBytes(UTF_8));
            }
        }
        // send() may block for the topic's metadata (max.block.ms): off the event loop
        return Uni.createFrom().<RecordMetadata>emitter(emitter -> producer().send(record, (metadata, failure) -> {
            if (failure != null) {
                emitter.fail(failure);
            } else {
                emitter.complete(metadata);
            }
        })).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private synchronized Producer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.CLIENT_ID_CONFIG, "order-ledger-dead-letter-replay",
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000), new StringSerializer(),
                    new StringSerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
