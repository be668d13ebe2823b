package com.podflow.notification.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import com.podflow.events.EventDecodingException;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.Topics;
import com.podflow.notification.messaging.DeliveryScheduler.StatusEvent;
import com.podflow.support.messaging.BatchConsumer;
import com.podflow.support.messaging.BatchConsumer.Received;
import com.podflow.support.messaging.BatchConsumer.Rejected;

/**
 * Reads {@code orders.status} a poll at a time and schedules the deliveries of all its OrderStatusChanged events in one
 * PostgreSQL transaction. {@link BatchConsumer} acknowledges the batch (its offsets become committable) only once that
 * transaction has committed, so a crash before it re-reads the records and loses nothing; it parks what is not a
 * readable status change on {@code orders.status.dlq}. Sending happens later, in {@link DeliveryWorker}: a slow or dead
 * endpoint never holds up the topic.
 */
@ApplicationScoped
public class StatusConsumer {
    private static final Logger LOG = Logger.getLogger(StatusConsumer.class);
    private static final String TOPIC = Topics.ORDERS_STATUS;

    private final BatchConsumer consumer = new BatchConsumer(TOPIC, "notification-service");
    private final DeliveryScheduler scheduler;
    private final DeliveryWorker worker;

    public StatusConsumer(DeliveryScheduler scheduler, DeliveryWorker worker) {
        this.scheduler = scheduler;
        this.worker = worker;
    }

    @Incoming("status")
    public Uni<Void> onStatus(KafkaRecordBatch<String, String> batch) {
        return consumer.consume(batch, this::schedule);
    }

    /** Schedules the batch's status changes at once; any other event type is refused (it goes to the DLQ). */
    Uni<List<Rejected>> schedule(List<Received> records) {
        List<Rejected> rejected = new ArrayList<>();
        List<StatusEvent> events = new ArrayList<>();
        for (Received record : records) {
            if (record.envelope().data() instanceof OrderStatusChanged change) {
                events.add(new StatusEvent(record.envelope().id(), change));
            } else {
                rejected.add(new Rejected(record, new EventDecodingException("event " + record.envelope().id()
                        + " of type " + record.envelope().type().wireName() + " does not belong on " + TOPIC)));
            }
        }
        if (events.isEmpty()) {
            return Uni.createFrom().item(rejected);
        }
        // the whole transaction may be repeated (BatchConsumer retries transient failures): it is idempotent, the
        // handled-event rows are part of it
        return scheduler.schedule(events).invoke(count -> {
            LOG.debugf("%d status changes: %d deliveries scheduled", events.size(), count);
            if (count > 0) {
                worker.wakeUp();
            }
        }).replaceWith(rejected);
    }
}
