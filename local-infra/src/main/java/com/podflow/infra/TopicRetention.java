package com.podflow.infra;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.podflow.events.Topics;

/**
 * How long each topic keeps its records ({@code retention.ms}), chosen per topic (ADR 0034): the ledger's event log
 * is the source of rebuilds and is kept for good; the topics the ledger folds are kept long enough for a Kafka replay
 * after a month-long fault; derived topics shorter; dead letters longest, as they wait for a person.
 */
public final class TopicRetention {
    /** Topic name to retention, in the order of the contract. */
    public static final Map<String, Duration> RETENTION;

    static {
        Map<String, Duration> r = new LinkedHashMap<>();
        // the ledger's inputs: a Kafka replay (POST /internal/v1/replays) reaches back this far
        r.put(Topics.ORDERS_INTAKE, Duration.ofDays(30));
        r.put(Topics.ORDERS_VALIDATION, Duration.ofDays(30));
        r.put(Topics.ORDERS_PRODUCTION_REPORTS, Duration.ofDays(30));
        // the ledger's outputs: derived (the ledger's outbox and event log hold their source); consumers catch up
        r.put(Topics.ORDERS_PRODUCTION, Duration.ofDays(14));
        r.put(Topics.ORDERS_STATUS, Duration.ofDays(7));
        // parked records wait for a support engineer's fix and re-publish
        for (String topic : new String[]{Topics.ORDERS_INTAKE, Topics.ORDERS_VALIDATION,
                Topics.ORDERS_PRODUCTION_REPORTS, Topics.ORDERS_STATUS, Topics.ORDERS_PRODUCTION}) {
            r.put(Topics.deadLetter(topic), Duration.ofDays(90));
        }
        RETENTION = Map.copyOf(r);
    }

    private TopicRetention() {
    }

    /** The topic's retention, or null for a topic this table does not name (the broker's default). */
    public static Duration of(String topic) {
        return RETENTION.get(topic);
    }
}
