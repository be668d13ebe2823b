package com.podflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;

import com.fasterxml.jackson.databind.JsonNode;

class EventCodecTest {

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("order.received.v1.json", EventSamples.orderReceived()),
                Arguments.of("order.draft-saved.v1.json", EventSamples.draftSaved()),
                Arguments.of("order.cancel-requested.v1.json", EventSamples.cancelRequested()),
                Arguments.of("order.shipment-update-requested.v1.json", EventSamples.shipmentUpdateRequested()),
                Arguments.of("order.validation-passed.v1.json", EventSamples.validationPassed()),
                Arguments.of("order.validation-passed.v1-resolution.json",
                        EventSamples.validationPassedWithResolution()),
                Arguments.of("order.validation-failed.v1.json", EventSamples.validationFailed()),
                Arguments.of("order.status-changed.v1.json", EventSamples.orderStatusChanged()),
                Arguments.of("order.status-changed.v1-shipped.json", EventSamples.orderStatusChangedShipped()),
                Arguments.of("order.production-requested.v1.json", EventSamples.productionRequested()),
                Arguments.of("order.production-cancel-requested.v1.json", EventSamples.productionCancelRequested()),
                Arguments.of("order.production-shipment-updated.v1.json", EventSamples.productionShipmentUpdated()),
                Arguments.of("order.production-reported.v1.json", EventSamples.productionReported()),
                Arguments.of("order.handover-overdue.v1.json", EventSamples.handoverOverdue()),
                Arguments.of("order.stalled.v1.json", EventSamples.orderStalled()));
    }

    @ParameterizedTest(name = "{0} round-trips")
    @MethodSource("samples")
    void encodeThenDecodeGivesTheSameEnvelope(String fixture, EventEnvelope envelope) {
        // when
        EventEnvelope decoded = EventCodec.decode(EventCodec.encode(envelope));

        // then
        assertThat(decoded).isEqualTo(envelope);
    }

    @ParameterizedTest(name = "{0} is still read")
    @MethodSource("samples")
    void storedVersionOneFixturesStillDecode(String fixture, EventEnvelope envelope) throws Exception {
        // given JSON written by an earlier build: the wire format must not drift
        String stored = EventSamples.fixture(fixture);

        // when
        EventEnvelope decoded = EventCodec.decode(stored);

        // then
        assertThat(decoded).isEqualTo(envelope);
        JsonNode expected = EventJson.mapper().readTree(stored);
        assertThat(EventJson.mapper().readTree(EventCodec.encode(envelope))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is a valid CloudEvent")
    @MethodSource("samples")
    void theCloudEventsSdkReadsOurRecords(String fixture, EventEnvelope envelope) {
        // given
        byte[] bytes = EventCodec.encode(envelope).getBytes(StandardCharsets.UTF_8);

        // when
        CloudEvent event = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE).deserialize(bytes);

        // then
        assertThat(JsonFormat.CONTENT_TYPE).isEqualTo(EventCodec.CONTENT_TYPE);
        assertThat(event.getId()).isEqualTo(envelope.id());
        assertThat(event.getType()).isEqualTo(envelope.type().wireName());
        assertThat(event.getSubject()).isEqualTo(envelope.subject());
        assertThat(event.getSource().toString()).isEqualTo(envelope.source());
        assertThat(event.getTime().toInstant()).isEqualTo(envelope.time());
        assertThat(event.getExtension("clientid")).isEqualTo(envelope.clientId());
        assertThat(event.getExtension("schemaversion")).isEqualTo(1);
        assertThat(event.getData()).isNotNull();
    }

    @Test
    void derivedIdsAreStablePerCauseAndStep() {
        assertThat(EventEnvelope.derivedId("a", "data")).isEqualTo(EventEnvelope.derivedId("a", "data"));
        assertThat(EventEnvelope.derivedId("a", "data")).isNotEqualTo(EventEnvelope.derivedId("a", "files"));
        assertThat(EventEnvelope.derivedId("a", "data")).isNotEqualTo(EventEnvelope.derivedId("b", "data"));
    }

    @Test
    void everyEventClassHasAWireType() {
        Set<Class<?>> mapped = Stream.of(EventType.values()).map(EventType::javaType).collect(Collectors.toSet());
        assertThat(mapped).isEqualTo(Set.of(OrderEvent.class.getPermittedSubclasses()));
    }

    @Test
    void aReportWithoutAnIdGetsOneDerivedFromTheFacilityAndItsReportId() throws Exception {
        // given a facility's report without the CloudEvents id
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) EventJson.mapper()
                .readTree(EventCodec.encode(EventSamples.productionReported()));
        json.remove("id");

        // when
        EventEnvelope once = EventCodec.decode(json.toString());
        EventEnvelope twice = EventCodec.decode(json.toString());

        // then
        assertThat(once.id()).isEqualTo(ProductionReported.eventId("db0622e7-d7af-4453-b39f-cdf1b67f3daa", "rep-0042"))
                .isEqualTo(twice.id());
    }

    static Stream<Arguments> poison() {
        return Stream.of(
                Arguments.of("", "empty record value"),
                Arguments.of("{not json", "not JSON"),
                Arguments.of("[1,2]", "not a JSON object"),
                Arguments.of("{\"specversion\":\"0.3\"}", "unsupported CloudEvents specversion '0.3'"),
                Arguments.of("{\"specversion\":\"1.0\",\"type\":\"order.exploded\"}",
                        "unknown event type 'order.exploded'"),
                Arguments.of("{\"specversion\":\"1.0\",\"type\":\"order.received\",\"schemaversion\":9,\"data\":{}}",
                        "version 9 is newer than this service understands (1)"),
                Arguments.of("{\"specversion\":\"1.0\",\"type\":\"order.received\"}", "has no data object"),
                Arguments.of(
                        "{\"specversion\":\"1.0\",\"type\":\"order.validation-passed\",\"data\":{\"attempt\":\"x\"}}",
                        "data of order.validation-passed is invalid"),
                Arguments.of("{\"specversion\":\"1.0\",\"type\":\"order.validation-passed\",\"data\":{\"attempt\":1}}",
                        "lacks orderId or occurredAt"),
                Arguments.of("{\"specversion\":\"1.0\",\"type\":\"order.production-reported\",\"data\":"
                        + "{\"orderId\":\"o\",\"facilityId\":\"f\",\"kind\":\"shipped\",\"occurredAt\":\"2026-11-23T10:00:00Z\"}}",
                        "reportId is required"),
                Arguments.of("{\"specversion\":\"1.0\",\"type\":\"order.production-reported\",\"data\":"
                        + "{\"orderId\":\"o\",\"facilityId\":\"f\",\"reportId\":\"r\",\"kind\":\"lost\","
                        + "\"occurredAt\":\"2026-11-23T10:00:00Z\"}}",
                        "unknown report kind 'lost'"),
                Arguments.of("{\"specversion\":\"1.0\",\"type\":\"order.production-reported\",\"data\":"
                        + "{\"orderId\":\"o\",\"facilityId\":\"f\",\"reportId\":\"r\",\"kind\":\"error\","
                        + "\"occurredAt\":\"2026-11-23T10:00:00Z\"}}",
                        "errorCode is required"));
    }

    @ParameterizedTest(name = "poison record: {1}")
    @MethodSource("poison")
    void poisonRecordsAreRefusedWithAReason(String value, String reason) {
        assertThatThrownBy(() -> EventCodec.decode(value))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining(reason);
    }
}
