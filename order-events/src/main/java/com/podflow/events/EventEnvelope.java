package com.podflow.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event with its CloudEvents attributes: {@code id} (unique, the consumers' idempotency key), {@code source} (the
 * producing service), {@code type}/{@code schemaVersion} (from {@link EventType}), {@code subject} (the order id),
 * {@code time}, and the extensions {@code clientid}, {@code attempt} and {@code causationid}.
 */
public record EventEnvelope(String id, String source, EventType type, int schemaVersion, String subject, Instant time,
        String clientId, Integer attempt, String causationId, OrderEvent data) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /** Wraps an event under a fresh random id. */
    public static EventEnvelope wrap(OrderEvent event, String source, String clientId, Integer attempt,
            String causationId) {
        return withId(UUID.randomUUID().toString(), event, source, clientId, attempt, causationId);
    }

    /** Wraps an event under a given id, e.g. one {@link #derivedId derived} from the event that caused it. */
    public static EventEnvelope withId(String id, OrderEvent event, String source, String clientId, Integer attempt,
            String causationId) {
        EventType type = EventType.of(event);
        return new EventEnvelope(id, source, type, type.version(), event.orderId(), event.occurredAt(), clientId,
                attempt, causationId, event);
    }

    /**
     * A deterministic id for the event that {@code causeId} caused in {@code step}: a consumer that handles the same
     * record twice (a redelivery after a crash) emits the same id again, so downstream de-duplication catches it.
     */
    public static String derivedId(String causeId, String step) {
        return UUID.nameUUIDFromBytes((causeId + "/" + step).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The Kafka record key: the order id, so all events of one order stay in order on one partition. */
    public String key() {
        return subject;
    }
}
