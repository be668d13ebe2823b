package com.podflow.intake.api.openapi;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shapes of the support answers (timelines, dead letters), for the OpenAPI document only; see {@link ApiSchemas}. */
public final class SupportSchemas {
    private SupportSchemas() {
    }

    @Schema(name = "TimelineEntry", description = "One entry of an order's timeline. source: event (an event the"
            + " ledger recorded), dead-letter (a record of the order parked on a dead-letter topic), request (a call"
            + " of the Order API about the order, from the requests log), delivery (an attempt of a postback, webhook"
            + " or e-mail about the order). Fields that do not apply are left out; the client's version leaves out"
            + " eventId, topic, partition, offset, producer, consumerGroup and reason.", requiredProperties = {
                    "source", "at"})
    public record TimelineEntry(
            @Schema(enumeration = {"event", "dead-letter", "request", "delivery"}) String source,
            Instant at,
            @Schema(description = "Milliseconds since the previous entry") Long gapMs,
            String eventId,
            @Schema(description = "The event's type (wire name)", example = "order.validation-failed") String type,
            @Schema(description = "The topic the event was read from (or a parked record came from)") String topic,
            Integer partition, Long offset,
            @Schema(description = "The event's producer: its CloudEvents source", example = "/validation-service") String producer,
            Integer attempt, Instant occurredAt, Instant recordedAt,
            @Schema(description = "For a validation result: the validator") String validator,
            @Schema(description = "For a validation result: passed or failed") String outcome,
            @Schema(description = "For a failed validation: its findings' codes") List<String> codes,
            String detail,
            @Schema(description = "For a dead-letter entry: its id under /admin/v1/dead-letters") Long deadLetterId,
            @Schema(description = "For a dead-letter entry: the consumer group that parked it") String consumerGroup,
            String reason,
            @Schema(description = "For a dead-letter entry: parked, replayed or resolved") String status,
            @Schema(description = "For a request: its id in the requests log (GET /v1/requests/{id})") String requestId,
            String method, String path, Integer statusCode, Integer durationMs,
            @Schema(description = "For a delivery: postback, webhook or email") String channel,
            String eventType, Long deliveryId, String url, String error){}

    @Schema(name = "OrderTimeline", description = "Everything that touched one order, oldest first", requiredProperties = {
            "orderId", "entries"})
    public record OrderTimeline(String orderId, String clientId, String orderReferenceId, String status,
            Integer attempt, List<ApiSchemas.StatusEntry> statusHistory, List<TimelineEntry> entries) {}

    @Schema(name = "DeadLetterHeader", description = "A header of the parked record, its value as UTF-8 text")
    public record DeadLetterHeader(String name, String value) {}

    @Schema(name = "DeadLetter", description = "A record parked on a dead-letter topic (<topic>.dlq), as the ledger's"
            + " dead-letter reader stored it", requiredProperties = {"id", "dlqTopic", "status"})
    public record DeadLetter(long id, String dlqTopic, Integer dlqPartition, Long dlqOffset, String sourceTopic,
            Integer sourcePartition, Long sourceOffset,
            @Schema(description = "The consumer group that parked it (header dead-letter-group)") String consumerGroup,
            @Schema(description = "The record key: the order id") String orderId, String reason, String cause,
            String exceptionClass, List<DeadLetterHeader> headers, String payload, Instant receivedAt,
            @Schema(enumeration = {"parked", "replayed", "resolved"}) String status, Integer replayCount,
            Instant replayedAt, Instant resolvedAt){}

    @Schema(name = "DeadLetterList", requiredProperties = "deadLetters")
    public record DeadLetterList(List<DeadLetter> deadLetters) {}

    @Schema(name = "DeadLetterReplay", description = "The order's records that were parked and are re-published now", requiredProperties = {
            "orderId", "replayed", "deadLetters"})
    public record DeadLetterReplay(String orderId, int replayed, List<DeadLetter> deadLetters) {}
}
