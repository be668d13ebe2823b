package com.podflow.ledger.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.OrderReceived;
import com.podflow.events.ProductionReported;
import com.podflow.events.ValidationFailed;
import com.podflow.events.ValidationPassed;
import com.podflow.ledger.domain.OrderState;
import com.podflow.ledger.persistence.DeadLetterStore;
import com.podflow.ledger.persistence.EventLogStore;
import com.podflow.ledger.persistence.LedgerRepository;

/** Builds an order's {@link Timeline} from the event log, the dead-letter records and the projection. */
@ApplicationScoped
public class TimelineService {
    private final LedgerRepository orders;
    private final EventLogStore events;
    private final DeadLetterStore deadLetters;

    public TimelineService(LedgerRepository orders, EventLogStore events, DeadLetterStore deadLetters) {
        this.orders = orders;
        this.events = events;
        this.deadLetters = deadLetters;
    }

    /** Empty when the ledger knows nothing of the order: no projection, no event and no dead letter. */
    public Uni<Optional<Timeline>> of(String orderId) {
        return orders.findAny(orderId, null).flatMap(state -> events.ofOrder(orderId)
                .flatMap(recorded -> deadLetters.ofOrder(orderId).map(parked -> {
                    if (state.isEmpty() && recorded.isEmpty() && parked.isEmpty()) {
                        return Optional.<Timeline>empty();
                    }
                    OrderState s = state.orElse(null);
                    return Optional.of(new Timeline(orderId, s == null ? null : s.clientId(),
                            s == null ? null : s.orderReferenceId(),
                            s == null || s.status() == null ? null : s.status().wireName(),
                            s == null ? 0 : s.attempt(), s == null ? List.of() : s.statusHistory(),
                            merge(recorded.stream().map(TimelineService::entry).toList(),
                                    parked.stream().map(TimelineService::entry).toList())));
                })));
    }

    /** Merges two lists each in order (events by recorded order, dead letters by arrival), then sets the gaps. */
    static List<Timeline.Entry> merge(List<Timeline.Entry> a, List<Timeline.Entry> b) {
        List<Timeline.Entry> merged = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (j >= b.size() || (i < a.size() && !b.get(j).at().isBefore(a.get(i).at()))) {
                merged.add(a.get(i++));
            } else {
                merged.add(b.get(j++));
            }
        }
        List<Timeline.Entry> gapped = new ArrayList<>(merged.size());
        for (int k = 0; k < merged.size(); k++) {
            Long gap = k == 0 ? null : Duration.between(merged.get(k - 1).at(), merged.get(k).at()).toMillis();
            gapped.add(merged.get(k).withGap(gap));
        }
        return gapped;
    }

    static Timeline.Entry entry(EventLogStore.Recorded r) {
        Integer attempt = null;
        String validator = null;
        String outcome = null;
        List<String> codes = null;
        String detail = null;
        try {
            EventEnvelope envelope = EventCodec.decode(r.payload());
            attempt = envelope.attempt();
            var data = envelope.data();
            if (data instanceof ValidationPassed p) {
                validator = p.validator();
                outcome = "passed";
                attempt = p.attempt();
            } else if (data instanceof ValidationFailed f) {
                validator = f.validator();
                outcome = "failed";
                attempt = f.attempt();
                codes = f.findings().stream().map(ValidationFailed.Finding::code).distinct().toList();
                detail = f.findings().stream().map(ValidationFailed.Finding::message).findFirst().orElse(null);
            } else if (data instanceof OrderReceived o) {
                attempt = o.attempt();
                detail = "channel " + o.channel();
            } else if (data instanceof ProductionReported p) {
                detail = p.kind().wireName() + (p.errorCode() == null ? "" : " " + p.errorCode());
            }
        } catch (RuntimeException unreadable) {
            detail = "payload unreadable: " + unreadable.getMessage();
        }
        return new Timeline.Entry("event", r.recordedAt(), null, r.eventId(), r.type(), r.topic(), r.partition(),
                r.offset(), r.producer(), attempt, r.occurredAt(), r.recordedAt(), validator, outcome, codes, detail,
                null, null, null, null);
    }

    static Timeline.Entry entry(DeadLetterStore.DeadLetter d) {
        return new Timeline.Entry("dead-letter", d.receivedAt(), null, null, null, d.sourceTopic(),
                d.sourcePartition(), d.sourceOffset(), null, null, null, d.receivedAt(), null, null, null, null,
                d.id(), d.consumerGroup(), d.reason(), d.status());
    }
}
