package com.podflow.ledger.support;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.podflow.ledger.domain.OrderState;

/**
 * One order's timeline as the ledger knows it: every event it recorded for the order (in recorded order, with the
 * topic, partition and offset it was read from and its producer) and every dead-letter record for the order, merged by
 * time; each entry with the gap since the previous one.
 */
public record Timeline(String orderId, String clientId, String orderReferenceId, String status, int attempt,
        List<OrderState.StatusEntry> statusHistory, List<Entry> entries) {

    /** {@code source} is {@code event} (the event log) or {@code dead-letter}; fields that do not apply are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String source, Instant at, Long gapMs, String eventId, String type, String topic,
            Integer partition, Long offset, String producer, Integer attempt, Instant occurredAt, Instant recordedAt,
            String validator, String outcome, List<String> codes, String detail, Long deadLetterId,
            String consumerGroup, String reason, String status) {

        Entry withGap(Long gap) {
            return new Entry(source, at, gap, eventId, type, topic, partition, offset, producer, attempt, occurredAt,
                    recordedAt, validator, outcome, codes, detail, deadLetterId, consumerGroup, reason, status);
        }
    }
}
