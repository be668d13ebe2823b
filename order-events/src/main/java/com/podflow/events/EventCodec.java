package com.podflow.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns envelopes into CloudEvents 1.0 structured-mode JSON and back. One JSON document per Kafka record value, with
 * content type {@value #CONTENT_TYPE}, so the outbox, dead-letter topics and outside tools all see the whole event.
 */
public final class EventCodec {
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    static final String SPEC_VERSION = "1.0";

    private EventCodec() {
    }

    public static String encode(EventEnvelope envelope) {
        ObjectMapper mapper = EventJson.mapper();
        ObjectNode json = mapper.createObjectNode();
        json.put("specversion", SPEC_VERSION);
        json.put("id", envelope.id());
        json.put("source", envelope.source());
        json.put("type", envelope.type().wireName());
        json.put("subject", envelope.subject());
        json.put("time", envelope.time().toString());
        json.put("datacontenttype", "application/json");
        // the published JSON Schema of data (ADR 21); decode does not need it, older records lack it
        json.put("dataschema", EventSchemas.uri(envelope.type(), envelope.schemaVersion()));
        json.put("schemaversion", envelope.schemaVersion());
        if (envelope.clientId() != null) {
            json.put("clientid", envelope.clientId());
        }
        if (envelope.attempt() != null) {
            json.put("attempt", envelope.attempt());
        }
        if (envelope.causationId() != null) {
            json.put("causationid", envelope.causationId());
        }
        json.set("data", mapper.valueToTree(envelope.data()));
        try {
            return mapper.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize event " + envelope.id(), e);
        }
    }

    /** Reads one event; anything unreadable is an {@link EventDecodingException} naming what is wrong. */
    public static EventEnvelope decode(String text) {
        if (text == null || text.isBlank()) {
            throw new EventDecodingException("empty record value");
        }
        ObjectMapper mapper = EventJson.mapper();
        JsonNode json;
        try {
            json = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new EventDecodingException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (!json.isObject()) {
            throw new EventDecodingException("not a JSON object");
        }
        String specVersion = required(json, "specversion");
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new EventDecodingException("unsupported CloudEvents specversion '" + specVersion + "'");
        }
        String wireType = required(json, "type");
        EventType type = EventType.fromWireName(wireType)
                .orElseThrow(() -> new EventDecodingException("unknown event type '" + wireType + "'"));
        int version = json.path("schemaversion").asInt(1);
        if (version > type.version()) {
            throw new EventDecodingException("event type " + wireType + " version " + version
                    + " is newer than this service understands (" + type.version() + ")");
        }
        JsonNode data = json.get("data");
        if (data == null || !data.isObject()) {
            throw new EventDecodingException("event " + wireType + " has no data object");
        }
        OrderEvent event;
        try {
            event = mapper.treeToValue(data, type.javaType());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new EventDecodingException("data of " + wireType + " is invalid: " + e.getMessage(), e);
        }
        if (event.orderId() == null || event.occurredAt() == null) {
            throw new EventDecodingException("data of " + wireType + " lacks orderId or occurredAt");
        }
        Instant time;
        try {
            time = Instant.parse(required(json, "time"));
        } catch (DateTimeParseException e) {
            throw new EventDecodingException("time is not an RFC 3339 timestamp: " + json.get("time"), e);
        }
        String id = text(json, "id");
        if ((id == null || id.isEmpty()) && event instanceof ProductionReported report && report.facilityId() != null
                && report.reportId() != null) {
            // a facility may leave the id to us: derived from its report id, so a repeated report is caught
            id = ProductionReported.eventId(report.facilityId(), report.reportId());
        }
        if (id == null || id.isEmpty()) {
            throw new EventDecodingException("missing CloudEvents attribute 'id'");
        }
        return new EventEnvelope(id, required(json, "source"), type, version,
                required(json, "subject"), time, text(json, "clientid"),
                json.hasNonNull("attempt") ? json.get("attempt").asInt() : null, text(json, "causationid"), event);
    }

    private static String required(JsonNode json, String attribute) {
        String value = text(json, attribute);
        if (value == null || value.isEmpty()) {
            throw new EventDecodingException("missing CloudEvents attribute '" + attribute + "'");
        }
        return value;
    }

    private static String text(JsonNode json, String attribute) {
        JsonNode node = json.get(attribute);
        return node == null || node.isNull() ? null : node.asText();
    }
}
